import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { request, type IncomingMessage } from 'node:http';
import { connect } from 'node:tls';
import { JoinAnswerSchema, type JoinAnswer } from '../../../shared/contract/peer';
import type { StationCore } from '../core/core';
import { joinRequestFor } from './join-proof';
import { JoinRefused, checkJoinAnswer } from './join';

const JOIN_TIMEOUT_MS = 30_000;

async function readBody(res: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of res) text += (chunk as Buffer).toString();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * A new station asks the member at `peer` (HOST:PORT) to admit it: over TLS, proving it holds
 * the join code without sending it, and checking the member's proof in turn (room/join-proof.ts).
 * Resolves with the member's answer; a refusal or a member that cannot prove the code throws
 * JoinRefused, an unreachable peer throws the network error.
 */
export async function askToJoin(
  core: StationCore,
  peer: string,
  code: string,
  name: string,
): Promise<JoinAnswer> {
  const { hostname, port } = new URL(`https://${peer.replace(/^https?:\/\//, '')}`);
  const host = hostname.replace(/^\[|\]$/g, '');
  // The member's certificate is not known yet: it is taken as shown, and the proofs bind it.
  const socket = connect({ host, port: Number(port || 443), rejectUnauthorized: false });
  socket.setTimeout(JOIN_TIMEOUT_MS, () => socket.destroy(new Error('the member did not answer')));
  try {
    await once(socket, 'secureConnect');
    const shown = socket.getPeerCertificate();
    if (!shown.raw) throw new JoinRefused('the member showed no TLS certificate');
    const memberFingerprint = createHash('sha256').update(shown.raw).digest('hex');
    const req = joinRequestFor(core, code, memberFingerprint, name);
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const out = request(
        {
          createConnection: () => socket,
          host,
          method: 'POST',
          path: '/api/join',
          headers: { 'content-type': 'application/json' },
        },
        resolve,
      );
      out.on('error', reject);
      out.end(JSON.stringify(req));
    });
    const body = await readBody(res);
    const answer = JoinAnswerSchema.safeParse(body);
    if (!answer.success) {
      const message = (body as { message?: unknown } | null)?.message;
      throw new JoinRefused(typeof message === 'string' ? message : `HTTP ${res.statusCode}`);
    }
    checkJoinAnswer(answer.data, req, code, memberFingerprint);
    return answer.data;
  } finally {
    socket.destroy();
  }
}
