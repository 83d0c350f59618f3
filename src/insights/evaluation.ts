/** Accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix (rows: truth). */
export interface Evaluation {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  confusion: Record<string, Record<string, number>>;
}

export function evaluate(classes: readonly string[], pairs: readonly { truth: string; predicted: string }[]): Evaluation {
  const confusion: Record<string, Record<string, number>> = {};
  for (const t of classes) confusion[t] = Object.fromEntries(classes.map((p) => [p, 0]));
  let correct = 0;
  for (const { truth, predicted } of pairs) {
    if (!confusion[truth]) continue;
    confusion[truth]![predicted] = (confusion[truth]![predicted] ?? 0) + 1;
    if (truth === predicted) correct++;
  }
  const perClass: Evaluation['perClass'] = {};
  for (const c of classes) {
    const tp = confusion[c]![c]!;
    const support = Object.values(confusion[c]!).reduce((a, b) => a + b, 0);
    const predictedC = classes.reduce((s, t) => s + (confusion[t]![c] ?? 0), 0);
    const precision = predictedC ? tp / predictedC : 0;
    const recall = support ? tp / support : 0;
    perClass[c] = { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support };
  }
  const present = classes.filter((c) => perClass[c]!.support > 0);
  return {
    n: pairs.length,
    accuracy: pairs.length ? correct / pairs.length : 0,
    macroF1: present.length ? present.reduce((s, c) => s + perClass[c]!.f1, 0) / present.length : 0,
    perClass,
    confusion,
  };
}
