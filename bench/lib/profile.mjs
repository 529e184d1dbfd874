// Summarises V8 .cpuprofile files (from --cpu-prof): the functions with the most self time.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export async function summarizeProfiles(dir, top = 15) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map();
    const dt = profile.timeDeltas;
    let total = 0;
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url
        ? `${url.replace(/^file:\/\//, '').replace(/.*\/(node_modules|apps|packages)\//, '$1/')}:${lineNumber + 1}`
        : '';
      const key = `${functionName || '(anonymous)'} ${where}`.trim();
      const ms = (dt[i] ?? 0) / 1000;
      total += ms;
      self.set(key, (self.get(key) ?? 0) + ms);
    });
    // Self time per package too: where the process spends its CPU, coarsely.
    const byPackage = new Map();
    for (const [key, ms] of self) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)|(apps\/[^/]+|packages\/[^/]+)|^\((\w[^)]*)\)/.exec(key);
      const pkg = m ? (m[1] ?? m[2] ?? `(${m[3]})`) : key.includes('node:') ? 'node internals' : 'other';
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    }
    const sorted = (map) =>
      [...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([name, ms]) => ({ name, ms: Math.round(ms), pct: +((ms / total) * 100).toFixed(1) }));
    out.push({
      file: join(dir, file),
      totalMs: Math.round(total),
      topSelf: sorted(self),
      byPackage: sorted(byPackage),
    });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    JSON.stringify(await summarizeProfiles(process.argv[2], Number(process.argv[3] ?? 25)), null, 2),
  );
}
