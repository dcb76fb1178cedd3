/**
 * The 行政审批专用章 (special seal for administrative approval) drawn as SVG: red ring, five-pointed
 * star, the agency's name along the upper arc and "行政审批专用章" below the star. 行政许可法第三十二条
 * requires a dated written certificate bearing the agency's special seal for every acceptance outcome.
 */
import { documentFontStack } from './fonts.ts';

const RED = '#d7000f';

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function star(cx: number, cy: number, outer: number): string {
  const inner = outer * 0.382;
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push(`${(cx + r * Math.cos(angle)).toFixed(2)},${(cy + r * Math.sin(angle)).toFixed(2)}`);
  }
  return `<polygon points="${points.join(' ')}" fill="${RED}"/>`;
}

/** Places each character of `name` on the arc by itself (no textPath: no id, no reference). */
function arcText(name: string, cx: number, cy: number, radius: number): string {
  const chars = [...name].slice(0, 24);
  // at most 220° so that the name never meets the label under the star
  const sweep = Math.min(220, Math.max(100, chars.length * 19));
  const step = chars.length > 1 ? sweep / (chars.length - 1) : 0;
  const start = -90 - sweep / 2;
  const size = Math.min(19, Math.max(11, ((radius * Math.PI * sweep) / 180 / Math.max(1, chars.length - 1)) * 0.92));
  return chars.map((ch, i) => {
    const deg = start + i * step;
    const rad = (deg * Math.PI) / 180;
    const x = cx + radius * Math.cos(rad);
    const y = cy + radius * Math.sin(rad);
    return `<text x="${x.toFixed(2)}" y="${y.toFixed(2)}" font-size="${size}" text-anchor="middle" dominant-baseline="central" transform="rotate(${(deg + 90).toFixed(2)} ${x.toFixed(2)} ${y.toFixed(2)})">${escapeXml(ch)}</text>`;
  }).join('');
}

/** SVG markup of the seal for `agencyName` (escaped here), 42 mm across when printed. */
export function sealSvg(agencyName: string, label = '行政审批专用章'): string {
  return `<svg class="seal" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="42mm" height="42mm" role="img" aria-label="${escapeXml(agencyName)}${escapeXml(label)}">`
    + `<g fill="${RED}" font-family='${documentFontStack}' font-weight="700" opacity="0.88">`
    + `<circle cx="100" cy="100" r="94" fill="none" stroke="${RED}" stroke-width="5"/>`
    + arcText(agencyName, 100, 100, 72)
    + star(100, 100, 26)
    + `<text x="100" y="146" font-size="14" text-anchor="middle">${escapeXml(label)}</text>`
    + '</g></svg>';
}
