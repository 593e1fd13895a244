/**
 * How the model commands print: `fit` as JSON (for scripts; never NaN: a parameter the
 * fit could not give is null, with converged false and the reason), `backtest` as
 * readable text and tables.
 */
import type { BacktestReport, ModelFitReport } from '../domain/insights/backtest.ts';
import type { TransactionFile } from '../domain/insights/transaction-file.ts';

const modelName = (fit: ModelFitReport) => (fit.variant === 'bg' ? 'BG/NBD' : 'MBG/NBD');

/** A finite number, or null: JSON has no NaN, and a script must not read one as a value. */
const number = (value: number) => (Number.isFinite(value) ? value : null);

export function fitJson(file: TransactionFile, fit: ModelFitReport) {
  const { rhythm, spend } = fit;
  const rhythmParams = rhythm.converged ? rhythm.params : null;
  const spendParams = spend.converged ? spend.params : null;
  return {
    file: {
      format: file.format,
      transactions: file.transactions.length,
      linesWithoutCustomer: file.linesWithoutCustomer,
      firstDay: file.firstDay,
      lastDay: file.lastDay,
    },
    calibrationEnd: fit.calibrationEnd,
    unit: fit.unit,
    customers: fit.customers,
    historyDays: fit.historyDays,
    rhythm: {
      model: modelName(fit),
      converged: rhythm.converged,
      r: rhythmParams && number(rhythmParams.r),
      alpha: rhythmParams && number(rhythmParams.alpha),
      a: rhythmParams && number(rhythmParams.a),
      b: rhythmParams && number(rhythmParams.b),
      logLikelihood: rhythm.converged ? number(rhythm.logLikelihood) : null,
      iterations: rhythm.iterations,
    },
    spend: {
      model: 'Gamma-Gamma',
      converged: spend.converged,
      p: spendParams && number(spendParams.p),
      q: spendParams && number(spendParams.q),
      v: spendParams && number(spendParams.v),
      logLikelihood: spend.converged ? number(spend.logLikelihood) : null,
      customers: spend.customers,
    },
    atEdge: fit.atEdge,
    method: fit.method.method,
    reason: fit.method.reason,
  };
}

/** Lines saying which fit did not converge, for stderr (fit) or the report (backtest). */
export function convergenceWarnings(fit: ModelFitReport): string[] {
  const warnings: string[] = [];
  if (!fit.rhythm.converged)
    warnings.push(
      `The ${modelName(fit)} fit did not converge (${fit.customers} customers, ${fit.historyDays} days of history): it gives no parameters and no forecast.`,
    );
  if (!fit.spend.converged)
    warnings.push(
      `The Gamma-Gamma fit did not converge (${fit.spend.customers} customers with a repeat purchase): it gives no parameters.`,
    );
  if (fit.atEdge.length > 0)
    warnings.push(
      `The fit ran to the edge of the parameter space (${fit.atEdge.join(', ')}): ${fit.historyDays} days of history cannot pin the model down; do not score with it.`,
    );
  if (fit.method.method === 'rule')
    warnings.push(`The shop's scores would use the fixed rule: ${fit.method.reason}.`);
  return warnings;
}

const fixed = (value: number | null, digits: number) =>
  value === null || !Number.isFinite(value) ? '—' : value.toFixed(digits);

function parameterLines(fit: ModelFitReport): string[] {
  const { rhythm, spend } = fit;
  const { r, alpha, a, b } = rhythm.params;
  const { p, q, v } = spend.params;
  return [
    rhythm.converged
      ? `${modelName(fit)} (time in ${fit.unit}): r = ${r.toFixed(4)}, alpha = ${alpha.toFixed(4)}, a = ${a.toFixed(4)}, b = ${b.toFixed(4)}, log-likelihood = ${rhythm.logLikelihood.toFixed(2)}, converged`
      : `${modelName(fit)} (time in ${fit.unit}): did not converge`,
    spend.converged
      ? `Gamma-Gamma (spend per repeat purchase, ${spend.customers} customers): p = ${p.toFixed(4)}, q = ${q.toFixed(4)}, v = ${v.toFixed(4)}, converged`
      : `Gamma-Gamma (spend per repeat purchase, ${spend.customers} customers): did not converge`,
  ];
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

function holdoutTable(report: BacktestReport): string[] {
  const cells = [...report.rows, report.total].map((row) => [
    row.group,
    String(row.customers),
    String(row.actual),
    fixed(row.predicted, 1),
    row.predicted === null || row.actual === 0 ? '—' : (row.predicted / row.actual).toFixed(2),
  ]);
  return table(
    ['calibration repeat purchases', 'customers', 'actual', 'predicted', 'predicted/actual'],
    cells,
  );
}

function aucLines(report: BacktestReport): string[] {
  const name = modelName(report.fit);
  const noModel = report.fit.rhythm.converged ? 'undefined' : 'no model: the fit did not converge';
  const shown = (value: number | null, missing: string) =>
    value === null ? `— (${missing})` : value.toFixed(3);
  const undefinedWhy = 'undefined: everyone or no one bought again';
  const rows = [
    [`P(active), ${name}`, shown(report.auc.pActive, noModel)],
    [`expected holdout purchases, ${name}`, shown(report.auc.expected, noModel)],
    ['days since last purchase (fewer = likelier)', shown(report.auc.recency, undefinedWhy)],
    [
      'fixed rule (3+ visits in 182 days, none in the last 42: lapsed)',
      shown(report.auc.rule, undefinedWhy),
    ],
  ];
  return table(['score', 'AUC'], rows);
}

export function backtestText(file: TransactionFile, source: string, report: BacktestReport) {
  const { fit } = report;
  const walkIns =
    file.linesWithoutCustomer > 0
      ? `; ${file.linesWithoutCustomer} lines without a customer left out`
      : '';
  const lines = [
    `Transactions: ${source} (${file.format}), ${file.transactions.length} purchases from ${file.firstDay} to ${file.lastDay}${walkIns}`,
    `Calibration: up to ${fit.calibrationEnd}, ${fit.customers} customers. Holdout: ${report.holdoutStart} to ${report.holdoutEnd} (${Number(report.holdoutLength.toFixed(2))} ${fit.unit}).`,
    '',
    ...parameterLines(fit),
    ...convergenceWarnings(fit),
    ...(fit.method.method === 'model' ? ["The shop's scores would use the model."] : []),
    '',
    `Repeat purchases in the holdout, actual and predicted by the ${modelName(fit)} model:`,
    ...holdoutTable(report),
    '',
    `Who buys again in the holdout (${report.buyers} of ${report.total.customers} customers), ranked by each score: AUC (1 = perfect, 0.5 = chance)`,
    ...aucLines(report),
  ];
  return lines.join('\n');
}
