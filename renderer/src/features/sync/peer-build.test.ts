import { describe, expect, it } from 'vitest';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import en from '../../i18n/en.json';
import pl from '../../i18n/pl.json';
import type { SyncStatus } from '../../../../shared/contract/sync';
import type { PeerApp } from '../../../../shared/contract/peer-about';
import { BuildWarnings, PeerBuild } from './PeerBuild';

async function render(lng: string, el: ReactElement): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, pl: { translation: pl } },
    lng,
    interpolation: { escapeValue: false },
  });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, el));
}

const peer = (app: PeerApp | null): SyncStatus['peers'][number] => ({
  stationId: 's-b',
  address: '127.0.0.1:4121',
  direction: 'out',
  connected: true,
  lastSeen: null,
  behind: 0,
  ahead: 0,
  refused: null,
  app,
});
const status = (unread: number, peers: SyncStatus['peers']): SyncStatus => ({
  stationId: 's-a',
  peers,
  propagation: { samples: 0, p50Ms: null, p99Ms: null },
  own: { app: '0.1.0', catalogue: 'abc', unread: { total: unread, byOp: {} } },
});

describe('peers panel: builds', () => {
  it('shows a peer’s version, newer when it reads ops this desk does not, and unknown when it did not say', async () => {
    expect(await render('en', createElement(PeerBuild, { app: null }))).toContain(
      'older (not told)',
    );
    const same = { app: '0.1.0', catalogue: 'abc', newerOps: [] };
    expect(await render('en', createElement(PeerBuild, { app: same }))).not.toContain('newer');
    const newer = { app: '0.2.0', catalogue: 'def', newerOps: ['mention.sparkle@1'] };
    expect(await render('en', createElement(PeerBuild, { app: newer }))).toMatch(/0\.2\.0.*newer/);
  });

  it('warns about ops that need a newer version and about newer peers, and says nothing otherwise', async () => {
    const newer = { app: '0.2.0', catalogue: 'def', newerOps: ['mention.sparkle@1'] };
    expect(await render('en', createElement(BuildWarnings, { status: status(0, []) }))).toBe('');
    const html = await render(
      'en',
      createElement(BuildWarnings, { status: status(3, [peer(newer), peer(null)]) }),
    );
    expect(html).toContain('3 ops here need a newer version of Holdline');
    expect(html).toContain('Station s-b runs a newer version of Holdline (0.2.0)');
    expect(await render('pl', createElement(BuildWarnings, { status: status(2, []) }))).toContain(
      '2 operacje wymagają nowszej wersji Holdline',
    );
  });
});
