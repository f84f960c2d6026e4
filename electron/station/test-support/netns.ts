import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** One end of a test network: a namespace, its veth device and address. */
export type Side = { ns: string; dev: string; ip: string };

/** Runs `ip ARGS…`; the error it printed, or null. */
export function ip(...args: string[]): string | null {
  const r = spawnSync('ip', args, { encoding: 'utf8', timeout: 10_000 });
  if (r.error) return r.error.message;
  return r.status === 0 ? null : r.stderr.trim() || `exit ${r.status}`;
}

/** Why this machine cannot make network namespaces (not root, no iproute2…), or null. */
export function whyNoNamespaces(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not root';
  if (ip('-V')) return 'no ip command (iproute2)';
  const trial = `hl-t-${randomBytes(3).toString('hex')}`;
  const err = ip('netns', 'add', trial);
  if (err) return `ip netns add failed: ${err}`;
  ip('netns', 'del', trial);
  return null;
}

/**
 * Two namespaces joined by a veth pair, each end addressed, up, and routing multicast: a LAN of
 * two hosts that nothing outside can hear (mDNS tests must never multicast on real interfaces).
 */
export function makeTwoHostLan(prefix: string): { a: Side; b: Side; remove(): void } {
  const tag = randomBytes(3).toString('hex');
  const subnet = `10.231.${parseInt(tag.slice(0, 2), 16)}`;
  const a: Side = { ns: `${prefix}-a-${tag}`, dev: `${prefix}a${tag}`, ip: `${subnet}.1` };
  const b: Side = { ns: `${prefix}-b-${tag}`, dev: `${prefix}b${tag}`, ip: `${subnet}.2` };
  const run = (...args: string[]) => {
    const err = ip(...args);
    if (err) throw new Error(`ip ${args.join(' ')}: ${err}`);
  };
  const remove = () => {
    ip('netns', 'del', a.ns);
    ip('netns', 'del', b.ns);
  };
  try {
    run('netns', 'add', a.ns);
    run('netns', 'add', b.ns);
    // Made inside its namespaces at once, the pair never appears on the host.
    run('link', 'add', a.dev, 'netns', a.ns, 'type', 'veth', 'peer', 'name', b.dev, 'netns', b.ns);
    for (const { ns, dev, ip: address } of [a, b]) {
      run('-n', ns, 'addr', 'add', `${address}/24`, 'dev', dev);
      run('-n', ns, 'link', 'set', dev, 'up');
      run('-n', ns, 'link', 'set', 'lo', 'up');
      // A fresh namespace has no default route, and multicast needs a route to leave by.
      run('-n', ns, 'route', 'add', '224.0.0.0/4', 'dev', dev);
    }
  } catch (err) {
    remove();
    throw err;
  }
  return { a, b, remove };
}
