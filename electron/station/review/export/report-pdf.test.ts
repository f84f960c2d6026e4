import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import {
  electronPdfPrinter,
  findPrintChromium,
  HOW_TO_GET_CHROMIUM,
  NoPdfPrinterError,
  printPdf,
  setPdfPrinter,
  type PrintWindowClass,
} from './report-pdf';

afterEach(() => setPdfPrinter(null));

describe('PDF printing', () => {
  it("prints with Electron's webContents.printToPDF when the shell registers it, in a hidden window without JavaScript", async () => {
    const seen: {
      options?: unknown;
      file?: string;
      html?: string;
      print?: unknown;
      destroyed?: boolean;
    } = {};
    // A stand-in for Electron's BrowserWindow: the station never imports electron itself.
    class FakeWindow {
      constructor(options: unknown) {
        seen.options = options;
      }
      async loadFile(file: string) {
        seen.file = file;
        seen.html = readFileSync(file, 'utf8');
      }
      webContents = {
        printToPDF: async (options: unknown) => {
          seen.print = options;
          return Buffer.from('%PDF-1.7 fake');
        },
      };
      destroy() {
        seen.destroyed = true;
      }
    }
    setPdfPrinter(electronPdfPrinter(FakeWindow as unknown as PrintWindowClass));
    const pdf = await printPdf('<!doctype html><h1>Key figures</h1>');
    expect(pdf.toString('latin1')).toBe('%PDF-1.7 fake');
    expect(seen).toMatchObject({
      options: { show: false, webPreferences: { javascript: false, sandbox: true } },
      html: '<!doctype html><h1>Key figures</h1>',
      print: { printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false },
      destroyed: true,
    });
    // The page was a temporary file, gone once printed.
    expect(existsSync(seen.file as string)).toBe(false);
  });

  it('refuses a HOLDLINE_CHROMIUM that is not an executable, and says how to get a browser when none is found', () => {
    expect(() => findPrintChromium({ HOLDLINE_CHROMIUM: '/nonexistent/chromium' })).toThrow(
      new NoPdfPrinterError('HOLDLINE_CHROMIUM=/nonexistent/chromium is not an executable file'),
    );
    expect(findPrintChromium({ HOLDLINE_CHROMIUM: process.execPath })).toBe(process.execPath);
    expect(() => findPrintChromium({}, ['/nonexistent'])).toThrow(HOW_TO_GET_CHROMIUM);
  });

  it('runs one print at a time', async () => {
    let running = 0;
    let most = 0;
    setPdfPrinter(async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 20));
      running -= 1;
      return Buffer.from('%PDF-');
    });
    await Promise.all([printPdf('a'), printPdf('b'), printPdf('c')]);
    expect(most).toBe(1);
  });
});
