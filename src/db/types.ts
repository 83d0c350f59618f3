import type { ColumnType, Generated } from 'kysely';

/** Row types of the schema in migrations/, as Kysely sees them. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface WorkspacesTable {
  id: string;
  name: string;
  default_language: Generated<string>;
  timezone: Generated<string>;
  min_n: Generated<number>;
  signing_secret: string;
  service_settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  insights_settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  fatigue_days: Generated<number>;
  mail_settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  retention_settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  locale: Generated<string>;
  created_at: Timestamp;
}

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: string;
  created_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  workspace_id: string | null;
  created_at: Timestamp;
  expires_at: RequiredTimestamp;
}

export interface ApiKeysTable {
  workspace_id: string;
  id: string;
  name: string;
  prefix: string;
  key_hash: string;
  scope: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SurveysTable {
  workspace_id: string;
  id: string;
  name: string;
  status: string;
  default_language: string;
  languages: string[];
  stage: string | null;
  channel: string | null;
  questions: Json;
  hidden_fields: string[];
  settings: Json;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomersTable {
  workspace_id: string;
  external_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  attributes: Json<Record<string, unknown>>;
  consent: ColumnType<Record<string, boolean>, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResponsesTable {
  workspace_id: string;
  id: string;
  survey_id: string;
  status: string;
  customer_external_id: string | null;
  language: string;
  channel: string | null;
  stage: string | null;
  source: string;
  hidden: Json<Record<string, string>>;
  metadata: Json<Record<string, unknown>>;
  idempotency_key: string | null;
  request_hash: string | null;
  submitted_at: RequiredTimestamp;
  local_day: string;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
  event_id: string | null;
  has_comment: Generated<boolean>;
  analysed_model: string | null;
}

export interface AnswersTable {
  workspace_id: string;
  response_id: string;
  question_id: string;
  survey_id: string;
  question_type: string;
  value_num: number | null;
  choices: string[] | null;
  text_value: string | null;
}

export interface MetricDailyTable {
  workspace_id: string;
  survey_id: string;
  question_id: string;
  day: string;
  dimension: string;
  dim_value: string;
  value: number;
  count: number;
}

export interface SharedReportsTable {
  workspace_id: string;
  id: string;
  survey_id: string;
  token_hash: string;
  view: Json<Record<string, string>>;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface EventsTable {
  workspace_id: string;
  id: string;
  customer_external_id: string | null;
  stage: string;
  channel: string | null;
  name: string;
  occurred_at: RequiredTimestamp;
  local_day: string;
  properties: Json<Record<string, unknown>>;
  received_at: Timestamp;
}

export interface EventDailyTable {
  workspace_id: string;
  day: string;
  stage: string;
  channel: string;
  count: number;
}

export interface CasesTable {
  workspace_id: string;
  id: string;
  number: number;
  subject: string;
  customer_external_id: string | null;
  channel: string | null;
  stage: string;
  priority: string;
  status: string;
  assignee_id: string | null;
  tags: string[];
  response_id: string | null;
  idempotency_key: string | null;
  created_at: RequiredTimestamp;
  updated_at: RequiredTimestamp;
  local_day: string;
  first_response_at: Timestamp | null;
  resolved_at: Timestamp | null;
  reopen_count: Generated<number>;
  frt_seconds: number | null;
  frt_business_seconds: number | null;
  ttr_seconds: number | null;
  ttr_business_seconds: number | null;
  first_response_due_at: Timestamp | null;
  resolution_due_at: Timestamp | null;
}

export interface CaseEventsTable {
  workspace_id: string;
  case_id: string;
  id: string;
  kind: string;
  author_id: string | null;
  direction: string | null;
  body: string | null;
  data: Json<Record<string, unknown>>;
  at: RequiredTimestamp;
}

export interface SurveyInvitationsTable {
  workspace_id: string;
  id: string;
  survey_id: string;
  customer_external_id: string;
  case_id: string | null;
  reason: string;
  url: string;
  status: Generated<string>;
  created_at: Timestamp;
  expires_at: RequiredTimestamp;
  sent_at: Timestamp | null;
  send_at: Timestamp;
  note: string | null;
  reminded_at: Timestamp | null;
}

export interface CommentAnalysesTable {
  workspace_id: string;
  response_id: string;
  question_id: string;
  survey_id: string;
  local_day: string;
  stage: string | null;
  channel: string | null;
  customer_external_id: string | null;
  nps: number | null;
  language: string | null;
  sentiment: string;
  sentiment_score: number;
  confidence: number;
  emotions: string[];
  themes: string[];
  evidence: Json<Record<string, string[]>>;
  model: string;
  analysed_at: Timestamp;
}

export interface SentimentModelsTable {
  workspace_id: string;
  lang: string;
  model: Buffer;
  version: string;
  created_at: Timestamp;
}

export interface AppStateTable {
  key: string;
  value: string;
}

export interface RulesTable {
  workspace_id: string;
  id: string;
  name: string;
  enabled: Generated<boolean>;
  trigger: string;
  match: Generated<string>;
  conditions: Json<unknown[]>;
  actions: Json<unknown[]>;
  signing_secret: string;
  fired_count: Generated<number>;
  last_fired_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TriggersTable {
  id: Generated<string>;
  workspace_id: string;
  kind: string;
  subject_id: string;
  created_at: Timestamp;
  processed_at: Timestamp | null;
}

export interface JobsTable {
  id: string;
  workspace_id: string;
  rule_id: string | null;
  kind: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<string>;
  attempts: Generated<number>;
  run_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  done_at: Timestamp | null;
  dedupe_key: string;
}

export interface JobAttemptsTable {
  job_id: string;
  attempt: number;
  at: Timestamp;
  ok: boolean;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface LoyaltyProgrammesTable {
  workspace_id: string;
  enabled: Generated<boolean>;
  card_prefix: string;
  settings: Json<Record<string, unknown>>;
  expiry_checked_through: Timestamp;
  updated_at: Timestamp;
}

export interface LoyaltyAccountsTable {
  workspace_id: string;
  customer_external_id: string;
  card_number: string;
  /** The tier's id, e.g. 'gold'; NULL below the first threshold. */
  tier: string | null;
  tier_since: Timestamp;
  previous_tier: string | null;
  /** bigint: node-postgres returns it as a string. */
  points_balance: ColumnType<string, string | number | undefined, string | number>;
  lifetime_points: ColumnType<string, string | number | undefined, string | number>;
  referral_code: string | null;
  referred_by: string | null;
  referred_at: Timestamp | null;
  referral_rewarded_at: Timestamp | null;
  last_activity_at: Timestamp;
  tier_evaluated_at: Timestamp;
  created_at: Timestamp;
}

export interface LoyaltyLedgerTable {
  workspace_id: string;
  id: Generated<string>;
  customer_external_id: string;
  points: ColumnType<string, string | number, string | number>;
  kind: 'earn' | 'bonus' | 'adjust' | 'redeem' | 'expire' | 'referral';
  reason: Generated<string>;
  source: string | null;
  idempotency_key: string;
  created_at: Timestamp;
  expires_at: Timestamp | null;
}

export interface LoyaltyRewardsTable {
  workspace_id: string;
  id: string;
  name: Json<Record<string, string>>;
  cost: ColumnType<string, string | number, string | number>;
  stock: number | null;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface SegmentsTable {
  workspace_id: string;
  id: string;
  name: string;
  description: Generated<string>;
  match: Generated<string>;
  conditions: ColumnType<unknown[], string | undefined, string>;
  members: Generated<number>;
  computed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  compute_ms: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SegmentMembersTable {
  workspace_id: string;
  segment_id: string;
  customer_external_id: string;
  since: RequiredTimestamp;
}

export interface SegmentCountsTable {
  workspace_id: string;
  segment_id: string;
  at: RequiredTimestamp;
  members: number;
  joined: number;
  departed: number;
}

export interface OffersTable {
  workspace_id: string;
  id: string;
  name: string;
  kind: string;
  content: Json<Record<string, unknown>>;
  url: string | null;
  audience: Json<Record<string, unknown>>;
  placements: string[];
  priority: Generated<number>;
  valid_from: Date | null;
  valid_until: Date | null;
  cap_days: Generated<number>;
  enabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OfferImpressionsTable {
  workspace_id: string;
  id: string;
  offer_id: string;
  customer_external_id: string | null;
  response_id: string | null;
  placement: string;
  shown_at: Timestamp;
  outcome: string | null;
  outcome_at: Date | null;
}

export interface ChurnScoresTable {
  workspace_id: string;
  customer_external_id: string;
  score: number;
  revenue_12m: number;
  priority: number;
  signals: Json<Record<string, unknown>>;
}

export interface ChurnRefreshesTable {
  workspace_id: string;
  computed_at: RequiredTimestamp;
  compute_ms: number;
}

export interface Database {
  churn_scores: ChurnScoresTable;
  churn_refreshes: ChurnRefreshesTable;
  offers: OffersTable;
  offer_impressions: OfferImpressionsTable;
  segments: SegmentsTable;
  segment_members: SegmentMembersTable;
  segment_counts: SegmentCountsTable;
  loyalty_programmes: LoyaltyProgrammesTable;
  loyalty_accounts: LoyaltyAccountsTable;
  loyalty_ledger: LoyaltyLedgerTable;
  loyalty_rewards: LoyaltyRewardsTable;
  rules: RulesTable;
  triggers: TriggersTable;
  jobs: JobsTable;
  job_attempts: JobAttemptsTable;
  comment_analyses: CommentAnalysesTable;
  sentiment_models: SentimentModelsTable;
  app_state: AppStateTable;
  events: EventsTable;
  event_daily: EventDailyTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  survey_invitations: SurveyInvitationsTable;
  shared_reports: SharedReportsTable;
  workspaces: WorkspacesTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  surveys: SurveysTable;
  customers: CustomersTable;
  responses: ResponsesTable;
  answers: AnswersTable;
  metric_daily: MetricDailyTable;
}
