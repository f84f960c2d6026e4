/** The text of `holdline --help`. */
export const HELP = `holdline — the Holdline station and its tools

Usage:
  holdline init --data DIR --war-room NAME --admin USER --password-file FILE [--display-name NAME] [--drill | --training]
      Create a war room in DIR without any prompt. Prints JSON { stationId, warRoom, warRoomId,
      joinCode, recoveryCode, mode }. The join code admits other stations; it is shown only here.
      The recovery code (HLR-…) is shown only here and stored nowhere: keep it offline, it gets
      the room an admin back when every admin's desk is lost (holdline recover). --drill makes
      it a drill room, --training a training room: a rehearsal (replay a past event's file into
      it), never mixed with a live
      room, marked DRILL on every desk.

  holdline join --data DIR --peer HOST:PORT --code CODE [--name NAME]
      Make DIR a new station of the war room that the station at HOST:PORT belongs to: the join
      code (from holdline init, or an admin) gets it admitted, then it pulls the room's log.
      Prints JSON { stationId, warRoom, warRoomId, ops }. Then run it with holdline station.

  holdline station --data DIR [--host H] [--port N] [--no-discovery] [--peer HOST:PORT]…
      Run the station headless (no window): it serves the UI, /desk and the API on H:N
      (default 127.0.0.1:4120; --port 0 picks a free port). When it serves it prints one JSON line
      { "ready": true, "url": …, "port": … } on stdout. Stop it with Ctrl-C (SIGINT) or SIGTERM.
      Each --peer is a station of the same war room to sync with (re-dialled whenever the link
      drops); stations that are not admitted members are refused at the handshake. Stations of
      the room on the LAN are also found by mDNS (this one is advertised only when H is not a
      loopback address); --no-discovery (or HOLDLINE_DISCOVERY=0) turns that off. Peers added
      in the UI are kept.

  holdline station --home DIR [--host H] [--port N] [--no-discovery]
      Run every war room of a desk, each its own station with its own data folder under
      DIR/rooms/ (listed in DIR/rooms.json): the room the desk opened last on H:N, the others on
      ports of their own, all syncing at once, their data never mixed. A new desk starts with one
      empty room (the UI sets it up). The ready line also lists "rooms": the URL of each. In the
      UI: switch rooms, add one, archive a closed room to DIR/archives/ and open an archive to
      read. A folder DIR/station from before rooms is kept as the first room.

  holdline import FILE --preset NAME (--data DIR [--user U] | --station URL --user U --password-file F)
                      [--format csv|jsonl]
      Import mentions from a CSV or JSONL file. With --data the station must be stopped (it acts as
      the war room's admin unless --user is given); with --station it goes through the running
      station and every desk sees the mentions arrive. Progress on stderr, a JSON summary on stdout
      (row errors with their line numbers). Presets: holdline presets.

  holdline recover --data DIR --code CODE --admin USER --password-file FILE [--display-name NAME]
      With the room's recovery code, make USER an admin again with this password (the account is
      created if it does not exist, enabled and without expiry if it does) on any member station
      DIR, stopped or running (then through the station). Every station checks the code's
      signature. A code works once: prints JSON { warRoom, warRoomId, operatorId, admin,
      recoveryCode } with the fresh code that replaces it, shown only here. A wrong or used code
      is refused (exit code 1) and nothing is written. The new admin can then make join codes to
      admit new stations. An admin replaces the code in the People dialog (a room made before
      recovery codes has none until then); the replaced code is refused everywhere.

  holdline erase --data DIR --user ADMIN --channel C --author HANDLE --reference REF
                 [--customer] [--dry-run]
      Erase one person's data (GDPR/KVKK) in a stopped station's folder: every mention by HANDLE
      on channel C (with --customer, by every identifier linked to them on any channel, email
      and phone included) is erased from the log and the views, and replies, notes and customer
      links about them are withheld, on every station once this one syncs. REF is the request's
      reference (a ticket number, never the person's name). --dry-run only counts. Prints JSON
      with the counts and how many existing backups predate it (they keep the data until they
      expire). On a running station use Settings → Erasure.

  holdline stats --data DIR [--json]
      Counts of mentions by status and by channel, ops and authors, peers (with their app
      versions) and lag, connectors, and scheduled backups (last success and failure, next,
      folder, what is kept); this build's op catalogue and any stored ops it cannot read (a newer
      version's). Works while the station runs.

  holdline verify --data DIR
      Check every op chain and signature in DIR and print the state digest.

  holdline rotate-key --data DIR --user ADMIN
      On a stopped station, replace its Ed25519 key and TLS certificate without breaking its
      chain: a station.rotate-key op in ADMIN's name, signed by the old key and proved by the new
      one; the new files replace the old ones only once the op is committed. Peers follow to the
      new key at the next link and pin the new certificate. Prints { stationId, seq, opId,
      keyFingerprint, tlsFingerprint }.

  holdline backup --data DIR --out FILE
      Write a backup of the station in DIR to FILE (a .tar.gz), also while the station runs: the
      database through SQLite's online backup API (one consistent state, imports go on), the
      station key, TLS identity and the folder's other files (connectors.yaml, playbooks, …),
      and a manifest with every file's SHA-256. Prints JSON { file, bytes, ops, digest, schema,
      stationId, warRoom, takenAt, ms }. Scheduled backups: backup.yaml in DIR, or the app.

  holdline restore --from FILE --data DIR [--alone]
      Restore a backup into DIR, which must be new or empty. Every file's hash, PRAGMA
      integrity_check, every op chain and signature, and the state digest are checked before
      anything lands in DIR; a damaged or truncated file is refused (exit code 1) and nothing is
      written. Prints JSON { ok, data, stationId, ops, chains, digest, catchUp, … }. The restored
      station is the same station (same key): run it instead of the lost one, never beside it.
      Start it with --peer naming a station of the room: it records nothing of its own until a
      peer has given it back what it wrote after the backup (DIR/catch-up.json marks that).
      --alone: the room's only station, nothing to catch up from; it records at once.

  holdline ledger export --data DIR --out FILE
      Write the war room's ledger to FILE (JSON Lines): a first line signed by this station naming
      the room, its fingerprint (the genesis op id) and what the file holds, then every op of every
      chain: messaging, room and people ops with their payloads, all others as stubs. Works while
      the station runs. Prints a JSON summary.

  holdline ledger verify FILE
      Check a ledger file on its own: every chain, hash and signature, every station admitted
      by the room's own ops. The verdict on stderr, one JSON line on stdout; exit code 1 when it
      does not verify, naming the first bad line.

  holdline report --data DIR (--review ID | --run ID | --from TIME --to TIME)
                  --format html|pdf|md|csv|ledger --out FILE [--redact] [--tz ZONE] [--target-minutes N]
      Export a post-incident review: a saved review (its retrospective and scope), a playbook run
      (its span with 6 h either side, and its newest review) or a window of at most 31 days (ISO
      8601 times). html is one self-contained file (charts inline, nothing to load); pdf prints
      it (Electron's printing in the app, else a Chromium: $HOLDLINE_CHROMIUM, chromium,
      chromium-browser or google-chrome); md is the same as Markdown; csv writes the window's
      mentions to FILE and the action items to FILE-actions.csv beside it (UTF-8 with a BOM;
      text starting with = + - @ gets a leading ' so spreadsheets do not run it); ledger writes
      the ledger slice: every op of every chain (it verifies with holdline ledger verify), with
      payloads only for what was said about the window. --redact replaces customers' handles
      and names with "customer 1", "customer 2"… and every email address and phone number, and
      leaves the ledger's messaging ops as stubs; staff names stay. Times are written in --tz
      (default: this machine's zone). Works while the station runs. Prints a JSON summary.

  holdline presets
      List the import presets.

  holdline playbook validate [FILE…]
      Check playbook YAML files (no FILE: the bundled ones). Prints FILE:LINE:COLUMN: message for
      each problem; exit code 1 when any file is invalid.

  holdline --help | --version

Exit codes: 0 done, 1 failed (the message says why), 2 bad usage.
`;
