// The bonjour-service plumbing under discovery.ts, made safe for a station that must not crash:
// every socket error is caught and logged once, and closing never hangs.
import { EventEmitter } from 'node:events';
import { Bonjour, type ServiceConfig } from 'bonjour-service';

/** A logger that prints each distinct error once, so a failure that recurs does not flood. */
export function logOnce(prefix: string): (err: unknown) => void {
  const seen = new Set<string>();
  return (err) => {
    const text = err instanceof Error ? err.message : String(err);
    if (seen.has(text) || seen.size > 100) return;
    seen.add(text);
    console.error(`${prefix} ${text}`);
  };
}

/** An mDNS responder and browser on every interface, or on the one with this address. */
export function openBonjour(
  interfaceAddress: string | undefined,
  log: (err: unknown) => void,
): Bonjour | undefined {
  // bonjour-service passes its options on to multicast-dns, whatever its type says. Binding to
  // the interface's own address (multicast-dns's default then) would drop multicast packets.
  const options = interfaceAddress ? { interface: interfaceAddress, bind: '0.0.0.0' } : {};
  try {
    const bonjour = new Bonjour(options as Partial<ServiceConfig>, log);
    // The multicast-dns emitter is private in bonjour-service, yet nothing there listens to its
    // 'error' event, so an EADDRINUSE or EACCES would otherwise crash the process.
    const mdns = (bonjour as unknown as { server?: { mdns?: unknown } }).server?.mdns;
    if (mdns instanceof EventEmitter) mdns.on('error', log).on('warning', log);
    else log('cannot watch the multicast socket for errors');
    return bonjour;
  } catch (err) {
    log(err);
    return undefined;
  }
}

/** Says goodbye for every published service, then closes the socket. */
export async function closeBonjour(bonjour: Bonjour): Promise<void> {
  await settle((done) => bonjour.unpublishAll(done));
  await settle((done) => bonjour.destroy(done));
}

/** Runs a callback-style step; resolves when it calls back, throws, or after a second. */
function settle(step: (done: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 1000);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      step(done);
    } catch {
      done();
    }
  });
}
