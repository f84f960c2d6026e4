import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../shared/contract/room';
import { call, connectDesk, type DeskSocket } from '../desk/client';
import { getSetupState, postLogout } from '../desk/http';
import { loadToken, saveToken } from '../desk/session';
import { LoginForm } from '../features/auth/LoginForm';
import { SetupForm } from '../features/auth/SetupForm';
import { QueuePage } from '../features/queue/QueuePage';
import { LanguagePicker } from './LanguagePicker';

type Screen =
  | { kind: 'loading' }
  | { kind: 'setup' }
  | { kind: 'login'; warRoom: string | null; notice: string | null }
  | { kind: 'desk'; socket: DeskSocket; room: RoomInfo; token: string };

/** The app shell: first-start setup, login, then the queue. */
export function App() {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });

  const toLogin = useCallback(async (notice: string | null) => {
    const s = await getSetupState();
    if (s.ok && !s.initialized) setScreen({ kind: 'setup' });
    else
      setScreen({
        kind: 'login',
        warRoom: s.ok ? s.warRoom : null,
        notice: s.ok ? notice : s.message,
      });
  }, []);

  const open = useCallback(
    (token: string) => {
      saveToken(token);
      const socket = connectDesk(token);
      socket.once('connect', async () => {
        const room = await call(socket, 'room.get', {});
        if (room.ok) setScreen({ kind: 'desk', socket, room, token });
        else {
          socket.close();
          void toLogin(room.message);
        }
      });
      // The station disconnects a desk whose session ended (password reset, account disabled):
      // dialling again meets the handshake's refusal below, which shows the login.
      socket.on('disconnect', (reason) => {
        if (reason === 'io server disconnect') socket.connect();
      });
      socket.on('connect_error', (err) => {
        if (/unauthenticated/.test(err.message)) {
          socket.close();
          saveToken(null);
          void toLogin(t('auth.expired'));
        }
      });
    },
    [t, toLogin],
  );

  useEffect(() => {
    const token = loadToken();
    // Runs once: resume the tab's session, or show login or setup once the station answers.
    /* eslint-disable react-hooks/set-state-in-effect */
    if (token) open(token);
    else void toLogin(null);
    /* eslint-enable react-hooks/set-state-in-effect */
  }, [open, toLogin]);

  const logout = async () => {
    if (screen.kind !== 'desk') return;
    screen.socket.close();
    await postLogout(screen.token);
    saveToken(null);
    void toLogin(null);
  };

  return (
    <div className="app">
      {screen.kind === 'loading' && <p className="center muted">{t('app.loading')}</p>}
      {screen.kind === 'setup' && (
        <div className="center">
          <SetupForm onDone={open} />
          <LanguagePicker />
        </div>
      )}
      {screen.kind === 'login' && (
        <div className="center">
          <LoginForm warRoom={screen.warRoom} notice={screen.notice} onDone={open} />
          <LanguagePicker />
        </div>
      )}
      {screen.kind === 'desk' && (
        <QueuePage
          socket={screen.socket}
          room={screen.room}
          token={screen.token}
          onLogout={logout}
        />
      )}
    </div>
  );
}
