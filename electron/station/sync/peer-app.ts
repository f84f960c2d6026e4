import type { PeerAbout, PeerApp } from '../../../shared/contract/peer-about';
import { OP_KEYS } from '../ops/op-catalogue';

const KNOWN = new Set(OP_KEYS);

/** A peer's build as the peers panel shows it: which of its op versions this build lacks. */
export function peerAppOf(about: PeerAbout | null | undefined): PeerApp | null {
  if (!about) return null;
  return {
    app: about.app,
    catalogue: about.catalogue,
    newerOps: about.ops.filter((k) => !KNOWN.has(k)),
  };
}
