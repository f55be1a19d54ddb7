export interface Point {
  x: number;
  y: number;
  /** A second series (blood pressure's diastolic). */
  y2?: number;
}

const W = 640;
const H = 280;
const PAD = { left: 56, right: 16, top: 16, bottom: 40 };

/** Round-ish tick values between min and max. */
function ticks(min: number, max: number, count = 5): number[] {
  if (min === max) return [min];
  const raw = (max - min) / (count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step / 1e6; v += step) out.push(Number(v.toFixed(6)));
  return out;
}

/**
 * A line chart drawn in SVG (no chart library): values over time, or over age for children's curves.
 * It is an image with a title and a description; the table beside it carries the same values for
 * screen readers and keyboard users.
 */
export function Chart({
  title,
  description,
  points,
  formatX,
  formatY,
}: {
  title: string;
  description: string;
  points: Point[];
  formatX(x: number): string;
  formatY(y: number): string;
}) {
  if (!points.length) return null;
  const xs = points.map((p) => p.x);
  const ys = points.flatMap((p) => (p.y2 === undefined ? [p.y] : [p.y, p.y2]));
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const single = x0 === x1;
  if (single) [x0, x1] = [x0 - 1, x1 + 1];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const margin = (y1 - y0) * 0.1 || Math.abs(y0) * 0.1 || 1;
  [y0, y1] = [y0 - margin, y1 + margin];
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (y: number) => H - PAD.bottom - ((y - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const line = (get: (p: Point) => number | undefined) =>
    sorted
      .filter((p) => get(p) !== undefined)
      .map((p) => `${sx(p.x).toFixed(1)},${sy(get(p)!).toFixed(1)}`)
      .join(' ');
  // One date is written once (a single value's range is a millisecond wide); ticks that read the same are dropped.
  const xTicks = (single ? [xs[0]!] : ticks(x0, x1, 4)).filter(
    (t, i, all) => i === 0 || formatX(t) !== formatX(all[i - 1]!),
  );
  // A label near an edge is anchored inside the chart, so that it is not cut.
  const anchor = (x: number) => (x > W - PAD.right - 48 ? 'end' : x < PAD.left + 48 && !single ? 'start' : 'middle');
  const blue = '#000091'; // DSFR bleu France
  const red = '#c9191e'; // DSFR rouge Marianne
  return (
    <figure className="carnet-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby="chart-title chart-desc"
        width="100%"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="chart-title">{title}</title>
        <desc id="chart-desc">{description}</desc>
        {ticks(y0, y1).map((t) => (
          <g key={`y${t}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={sy(t)} y2={sy(t)} stroke="#ddd" />
            <text x={PAD.left - 6} y={sy(t) + 4} textAnchor="end" fontSize="12" fill="currentColor">
              {formatY(t)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text
            key={`x${t}`}
            x={sx(t)}
            y={H - PAD.bottom + 18}
            textAnchor={anchor(sx(t))}
            fontSize="12"
            fill="currentColor"
          >
            {formatX(t)}
          </text>
        ))}
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke="currentColor" />
        <polyline points={line((p) => p.y)} fill="none" stroke={blue} strokeWidth="2" />
        {sorted.map((p, i) => (
          <circle key={`a${i}`} cx={sx(p.x)} cy={sy(p.y)} r="4" fill={blue} />
        ))}
        {sorted.some((p) => p.y2 !== undefined) && (
          <>
            <polyline points={line((p) => p.y2)} fill="none" stroke={red} strokeWidth="2" strokeDasharray="6 3" />
            {sorted.map(
              (p, i) =>
                p.y2 !== undefined && (
                  <rect key={`b${i}`} x={sx(p.x) - 4} y={sy(p.y2) - 4} width="8" height="8" fill={red} />
                ),
            )}
          </>
        )}
      </svg>
    </figure>
  );
}
