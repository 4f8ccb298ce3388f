/**
 * The `shuzhi` command as a person runs it: exit codes, messages, and that a rejected
 * import stores nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'shuzhi-cli-'));
const env = { ...process.env, SHUZHI_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', NODE_ENV: 'test' };

function shuzhi(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env,
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const square = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});
const feature = (code: string, name: string, geometry: unknown) => ({ type: 'Feature', properties: { code, name }, geometry });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each case starts the real command (sources compiled by tsx, an embedded database) a few
// times over; on a busy 2-core machine that takes tens of seconds.
describe('shuzhi CLI', { timeout: 240_000 }, () => {
  it('imports regions, locates a point and reports a point outside', () => {
    const file = join(dir, 'ok.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          feature('330109', '萧山区', square(120, 30, 121, 31)),
          feature('330109112', '瓜沥镇', square(120, 30, 120.5, 30.5)),
          feature('330109112001', '社区', null),
          feature('330109112001001', '第1网格', square(120, 30, 120.2, 30.2)),
          feature('33010911200100101', '1号微网格', square(120, 30, 120.1, 30.2)),
          feature('33010911200100102', '2号微网格', square(120.1, 30, 120.2, 30.2)),
        ],
      }),
    );
    const imported = shuzhi(['regions', 'import', file]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/新增 6/);
    const located = shuzhi(['regions', 'locate', '120.15', '30.1']);
    expect(located.code).toBe(0);
    expect(located.stdout).toMatch(/^33010911200100102 2号微网格/);
    expect(located.stdout).toMatch(/萧山区\(330109\) > 瓜沥镇\(330109112\)/);
    const outside = shuzhi(['regions', 'locate', '100', '20']);
    expect(outside.code).toBe(4);
    expect(outside.stdout).toMatch(/不在任何微网格内/);
  });

  it('rejects a bad import with exit code 2, every problem listed, nothing stored', () => {
    const file = join(dir, 'bad.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          feature('33010911200100103', '重叠', square(120.05, 30, 120.15, 30.2)),
          feature('33010911200100104', '出界', square(120.15, 30, 120.3, 30.2)),
        ],
      }),
    );
    const result = shuzhi(['regions', 'import', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/features\.0\.geometry/);
    expect(result.stderr).toMatch(/REGION_OUTSIDE_PARENT|超出上级/);
    expect(result.stderr).toMatch(/与 33010911200100101 重叠/);
    const exported = JSON.parse(shuzhi(['regions', 'export', '--level', 'microgrid']).stdout) as { features: unknown[] };
    expect(exported.features).toHaveLength(2);
  });

  it('rejects an unclosed ring, naming the feature', () => {
    const file = join(dir, 'unclosed.geojson');
    const ring = [[120.3, 30.3], [120.4, 30.3], [120.4, 30.4], [120.3, 30.4]];
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [feature('33010911200100105', '未闭合', { type: 'Polygon', coordinates: [ring] })] }));
    const result = shuzhi(['regions', 'import', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/INVALID_GEOMETRY.*features\.0\.geometry/);
  });

  it('rejects a file that is not JSON and bad coordinates', () => {
    const file = join(dir, 'garbage.geojson');
    writeFileSync(file, '{"type": "FeatureCollection", ');
    expect(shuzhi(['regions', 'import', file]).code).toBe(2);
    expect(shuzhi(['regions', 'locate', '200', '30']).code).toBe(2);
  });

  it('creates an account with the password from stdin and refuses a weak one', () => {
    const ok = shuzhi(['users', 'create', '--username', 'zhang.san', '--role', 'town_admin', '--region', '330109112', '--password-stdin'], 'Strong-pass-2023\n');
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/已创建账号 zhang.san/);
    const weak = shuzhi(['users', 'create', '--username', 'li.si', '--role', 'viewer', '--region', '330109', '--password-stdin'], 'short\n');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/password/);
    const unknownRegion = shuzhi(['users', 'create', '--username', 'wang.wu', '--role', 'viewer', '--region', '330109999', '--password-stdin'], 'Strong-pass-2023\n');
    expect(unknownRegion.code).toBe(4);
  });

  it('creates a token, verifies the audit chain, backs up and restores', () => {
    const token = shuzhi(['tokens', 'create', '--username', 'zhang.san', '--name', '热线对接']);
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^szt_/);
    const verified = shuzhi(['audit', 'verify']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/审计日志完好/);
    const file = join(dir, 'backup.szb');
    expect(shuzhi(['backup', file]).code).toBe(0);
    const restored = shuzhi(['restore', file]);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/regions 6/);
  });
});
