import { useCallback, useEffect, useState } from 'react';
import type { Operator } from '../../../../shared/domain/people';
import { call, type DeskSocket } from '../../desk/client';

/** The room's people by id, for naming who did what (an unknown id is shown as it is). */
export function useOperatorNames(socket: DeskSocket): (id: string) => string {
  const [people, setPeople] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    const take = (ops: Operator[]) =>
      setPeople((old) => new Map([...old, ...ops.map((o) => [o.id, o.displayName] as const)]));
    void call(socket, 'operator.list', {}).then((r) => live && r.ok && take(r.operators));
    socket.on('operator.changed', take);
    return () => {
      live = false;
      socket.off('operator.changed', take);
    };
  }, [socket]);
  return useCallback((id: string) => people.get(id) ?? id, [people]);
}
