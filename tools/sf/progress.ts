/** A one-line progress bar for stderr: count of total, rate, ETA. Redrawn in place with `\r`. */
export const progressLine = (label: string, done: number, total: number, startedMs: number, nowMs: number): string => {
  const width = 30;
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  const secs = Math.max(0.001, (nowMs - startedMs) / 1000);
  const rate = done / secs;
  const eta = rate > 0 && total > done ? Math.ceil((total - done) / rate) : 0;
  return `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${Math.round(rate)}/s ETA ${eta}s`;
};
