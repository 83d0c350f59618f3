import { Command, Option } from 'commander';
import { VERSION } from '../server/app.js';
import { fail, parsePort } from './options.js';

const program = new Command()
  .name('opinia')
  .description('Opinia: customer-experience surveys, metrics and actions')
  .version(VERSION);

const dataDirOption = () =>
  new Option('--data-dir <dir>', 'embedded database directory (ignored when DATABASE_URL is set)').default(process.env.OPINIA_DATA_DIR ?? './opinia-data');

program
  .command('start')
  .description('run the server (migrates the database; seeds a demo workspace on first run)')
  .addOption(new Option('--port <n>', 'HTTP port').default(process.env.PORT ?? '3000'))
  .addOption(new Option('--host <host>', 'address to listen on').default(process.env.HOST ?? '127.0.0.1'))
  .addOption(dataDirOption())
  .option('--no-demo', 'do not fill a new database with demo data')
  .addOption(new Option('--workers <n>', 'HTTP worker processes (needs DATABASE_URL)').default(process.env.OPINIA_WORKERS ?? '1'))
  .action(async (opts) => {
    const { startCommand } = await import('./start.js');
    const workers = Number(opts.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error(`--workers must be a whole number from 1 to 64, not "${opts.workers}"`);
    await startCommand({ port: parsePort(opts.port), host: opts.host, dataDir: opts.dataDir, demo: opts.demo, workers });
  });

program
  .command('demo')
  .description('fill a workspace with realistic demo data (a new workspace unless --workspace is given)')
  .addOption(dataDirOption())
  .option('--workspace <id>', 'workspace to fill')
  .option('--customers <n>', 'number of customers', '3000')
  .option('--responses <n>', 'number of responses', '12000')
  .action(async (opts) => {
    const { demoCommand } = await import('./demo.js');
    await demoCommand(opts);
  });

program
  .command('import')
  .description('import responses (`import FILE --survey ID`) or customers (`import customers FILE`) from CSV, with a progress bar')
  .argument('<what-or-file>', '"customers", "responses", or the responses CSV file')
  .argument('[file]', 'CSV file (after "customers" or "responses")')
  .option('--survey <id>', 'survey to import responses into')
  .option('--workspace <id>', 'workspace to import customers into (needed when there are several)')
  .addOption(dataDirOption())
  .option('--rejects <file>', 'write rejected rows with their reasons to this CSV file')
  .addHelpText(
    'after',
    '\nCustomers CSV: an id column (id, external_id or customer_id); name, email, phone, locale; consent_surveys, consent_email, consent_sms, consent_marketing (yes/no); every other column becomes an attribute. Empty cells keep what is stored.',
  )
  .action(async (what: string, file: string | undefined, opts) => {
    if (what === 'customers') {
      if (!file) fail('opinia import customers FILE.csv: name the CSV file');
      const { importCustomersCommand } = await import('./import-customers.js');
      return importCustomersCommand(file, opts);
    }
    const responsesFile = what === 'responses' ? file : what;
    if (!responsesFile) fail('opinia import responses FILE.csv --survey ID: name the CSV file');
    if (!opts.survey) fail('importing responses needs --survey <id>');
    const { importCommand } = await import('./import.js');
    await importCommand(responsesFile, opts);
  });

program
  .command('export')
  .description('export responses of a survey as CSV')
  .requiredOption('--survey <id>', 'survey to export')
  .option('--out <file>', 'write to this file instead of standard output')
  .option('--from <date>', 'first day (YYYY-MM-DD or ISO time)')
  .option('--to <date>', 'end (exclusive)')
  .addOption(dataDirOption())
  .action(async (opts) => {
    const { exportCommand } = await import('./export.js');
    await exportCommand(opts);
  });

program
  .command('metrics')
  .description('NPS, CSAT and CES with margins of error from a CSV file of any tool')
  .requiredOption('--input <file>', 'CSV file with a header row')
  .option('--nps <column>', 'column with 0–10 answers')
  .option('--csat <column>', 'column with 1–5 answers')
  .option('--ces <column>', 'column with 1–7 answers')
  .option('--group-by <column>', 'also compute the metrics per value of this column')
  .option('--min-n <n>', 'fewest answers for a score to be shown', '5')
  .option('--json', 'print JSON (default: a readable table)')
  .action(async (opts) => {
    const { metricsCommand } = await import('./metrics.js');
    await metricsCommand(opts);
  });

program
  .command('ttr')
  .description('first response time and time to resolution from a helpdesk CSV, optionally in business hours')
  .requiredOption('--input <file>', 'CSV file with a header row')
  .option('--created <column>', 'when the case was opened', 'created')
  .option('--first-response <column>', 'first agent reply', 'first_response')
  .option('--resolved <column>', 'final resolution', 'resolved')
  .option('--business-hours <calendar.json>', 'count only opening hours: {"timezone","hours":{"mon":[["09:00","17:00"]]},"holidays":[]}')
  .option('--json', 'print JSON (default: a readable summary)')
  .action(async (opts) => {
    const { ttrCommand } = await import('./ttr.js');
    await ttrCommand(opts);
  });

program
  .command('analyze')
  .description('language, sentiment, emotions and themes of comments, one result per input row (offline)')
  .requiredOption('--input <file>', 'JSON Lines ({"id", "text"} per line) or CSV with a header')
  .option('--text-column <column>', 'the column or field with the comment (default: text, or comment in CSV)')
  .option('--lang <code>', 'language to assume when a text is too short to tell (pl, ro, en)')
  .option('--json', 'print JSON Lines (default: tab-separated id, language, sentiment, score, themes)')
  .action(async (opts) => {
    const { analyzeCommand } = await import('./insights.js');
    await analyzeCommand(opts);
  });

program
  .command('train')
  .description("train a sentiment model on your own labelled comments (90% train, 10% held out for the report)")
  .requiredOption('--input <file>', 'JSON Lines with "text" and "label" (positive, negative, neutral), or CSV with those columns')
  .requiredOption('--lang <code>', 'language of the comments: pl, ro or en')
  .option('--out <file>', 'where to write the model', 'sentiment-model.bin')
  .option('--seed <n>', 'shuffle seed (the same seed and data give the same model)')
  .option('--text-column <column>', 'the column or field with the comment')
  .action(async (opts) => {
    const { trainCommand } = await import('./insights.js');
    await trainCommand(opts);
  });

program
  .command('evaluate')
  .description('accuracy, macro-F1, per-class F1 and the confusion matrix of the sentiment model on labelled comments')
  .requiredOption('--input <file>', 'JSON Lines with "text", "label" (and optionally "lang", "source"), or CSV')
  .option('--lang <code>', 'evaluate every row as this language (default: the row\'s "lang", else detected)')
  .option('--model <file>', 'a model from opinia train (default: the built-in model of each language)')
  .option('--text-column <column>', 'the column or field with the comment')
  .option('--json', 'print JSON')
  .action(async (opts) => {
    const { evaluateCommand } = await import('./insights.js');
    await evaluateCommand(opts);
  });

await program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`opinia: ${err.message}\n`);
  process.exit(1);
});
