export function report(bench: string, metric: string, value: number, unit: string): void {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(4));
  process.stdout.write(`${JSON.stringify({ bench, metric, value: rounded, unit })}\n`);
}
