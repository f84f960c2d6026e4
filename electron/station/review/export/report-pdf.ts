import { spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Prints an HTML file (a path on this machine) to PDF bytes. */
export type PdfPrinter = (htmlFile: string) => Promise<Buffer>;

/** Thrown when no way to print a PDF is found here. */
export class NoPdfPrinterError extends Error {}

let registered: PdfPrinter | null = null;

/**
 * Sets how this process prints PDFs. The Electron shell registers Electron's own printing
 * (electronPdfPrinter) when the station runs inside it; headless stations and the CLI print with
 * a Chromium found on the machine (chromiumPdfPrinter). Null goes back to that default.
 */
export function setPdfPrinter(printer: PdfPrinter | null): void {
  registered = printer;
}

/** The subset of Electron's BrowserWindow that printing needs (the station never imports electron). */
export type PrintWindowClass = new (options: {
  show: boolean;
  webPreferences: { javascript: boolean; sandbox: boolean; offscreen?: boolean };
}) => {
  loadFile(file: string): Promise<void>;
  webContents: {
    printToPDF(options: {
      printBackground: boolean;
      preferCSSPageSize: boolean;
      displayHeaderFooter: boolean;
    }): Promise<Buffer>;
  };
  destroy(): void;
};

/**
 * Electron's printing (webContents.printToPDF) in a hidden window with JavaScript off; the shell
 * passes its BrowserWindow: `setPdfPrinter(electronPdfPrinter(BrowserWindow))` once the app is ready.
 */
export function electronPdfPrinter(BrowserWindow: PrintWindowClass): PdfPrinter {
  return async (htmlFile) => {
    const win = new BrowserWindow({
      show: false,
      webPreferences: { javascript: false, sandbox: true },
    });
    try {
      await win.loadFile(htmlFile);
      return await win.webContents.printToPDF({
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: false,
      });
    } finally {
      win.destroy();
    }
  };
}

/** Where to get a Chromium, said when none is found. */
export const HOW_TO_GET_CHROMIUM = [
  'No Chromium found to print the PDF with. Get one of:',
  '  Debian/Ubuntu:   sudo apt-get install chromium',
  '  elsewhere:       install Chromium or Google Chrome',
  '  or point HOLDLINE_CHROMIUM at a Chromium/Chrome executable,',
  '  or export --format html and print that from a browser.',
].join('\n');

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/**
 * The Chromium to print with: $HOLDLINE_CHROMIUM (an error if it is set but not executable, as
 * for the browser tests: scripts/find-chromium.js), else the first of chromium, chromium-browser,
 * google-chrome found in /usr/bin or on the PATH.
 */
export function findPrintChromium(
  env: NodeJS.ProcessEnv = process.env,
  dirs = ['/usr/bin', ...(env.PATH ?? '').split(path.delimiter).filter(Boolean)],
): string {
  const asked = env.HOLDLINE_CHROMIUM;
  if (asked) {
    if (!isExecutable(asked))
      throw new NoPdfPrinterError(`HOLDLINE_CHROMIUM=${asked} is not an executable file`);
    return asked;
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'])
    for (const dir of dirs) {
      const file = path.join(dir, name);
      if (isExecutable(file)) return file;
    }
  throw new NoPdfPrinterError(HOW_TO_GET_CHROMIUM);
}

/** Longest a headless print may take before it is stopped. */
const PRINT_TIMEOUT_MS = 180_000;

/**
 * Headless Chromium's --print-to-pdf, with a throw-away profile, no sandbox (stations may run as
 * root in containers), no GPU and no background traffic; A4 from the report's @page rule.
 */
export function chromiumPdfPrinter(executable = findPrintChromium()): PdfPrinter {
  return async (htmlFile) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'holdline-print-'));
    const pdf = path.join(dir, 'report.pdf');
    try {
      const args = [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${pdf}`,
        pathToFileURL(htmlFile).href,
      ];
      const stderr = await run(executable, args);
      let bytes: Buffer;
      try {
        bytes = readFileSync(pdf);
      } catch {
        throw new Error(
          `${executable} wrote no PDF: ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
        );
      }
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
        throw new Error(`${executable} wrote something that is not a PDF`);
      return bytes;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** Runs a program to its end; its stderr (Chromium is chatty) is returned, kept short. */
function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-8_000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), PRINT_TIMEOUT_MS);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${file}: ${err.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stderr);
      else
        reject(
          new Error(
            `${file} failed printing the PDF (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
          ),
        );
    });
  });
}

// One print at a time per process: a browser per request would starve a small station.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Prints HTML to PDF with the registered printer, else a Chromium found here; prints queue up,
 * one at a time.
 */
export function printPdf(html: string): Promise<Buffer> {
  const job = queue.then(async () => {
    const printer = registered ?? chromiumPdfPrinter();
    const dir = mkdtempSync(path.join(tmpdir(), 'holdline-report-'));
    try {
      const file = path.join(dir, 'report.html');
      writeFileSync(file, html);
      return await printer(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  queue = job.catch(() => undefined);
  return job;
}
