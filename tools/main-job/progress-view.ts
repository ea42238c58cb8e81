/** One line per entity type: what the terminal shows while a sync runs. Pure: the caller owns the clock and the TTY. */
export interface EntityProgress {
  entityType: string;
  fetched: number;
  total: number | null;
}

export interface ProgressFrame {
  state: string;
  entities: EntityProgress[];
  etaSeconds: number | null;
  elapsedSeconds: number;
  apiCalls: number;
  r429: number;
}

const BAR_WIDTH = 28;

const bar = (fraction: number): string => {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
};

export const formatDuration = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

const entityLine = (e: EntityProgress, width: number): string => {
  const total = e.total ?? null;
  const fraction = total === null ? 0 : total === 0 ? 1 : e.fetched / total;
  const counts = total === null ? `${e.fetched}` : `${e.fetched}/${total}`;
  const pct = total === null ? '   ?' : `${String(Math.floor(fraction * 100)).padStart(3)}%`;
  return `  ${e.entityType.padEnd(width)} ${bar(fraction)} ${pct}  ${counts}`;
};

/** Renders a frame as lines (no ANSI codes; the caller redraws by moving the cursor up). */
export const renderFrame = (f: ProgressFrame): string[] => {
  const width = Math.max(8, ...f.entities.map((e) => e.entityType.length));
  const eta = f.etaSeconds === null ? 'estimating' : formatDuration(f.etaSeconds);
  return [
    `sync ${f.state}   elapsed ${formatDuration(f.elapsedSeconds)}   ETA ${eta}   API calls ${f.apiCalls}   429s ${f.r429}`,
    ...f.entities.map((e) => entityLine(e, width)),
  ];
};
