/**
 * Run by scripts/bench-workbook.ts in a fresh process: loads the workbook file at argv[2]
 * and prints the load time and the process's peak resident memory (JSON on stdout).
 */
import { loadWorkbook } from '../src/local/workbook-file.ts';

const peakMB = () => process.resourceUsage().maxRSS / 1024;
const baselineMB = peakMB();
const started = performance.now();
const state = loadWorkbook(process.argv[2]);
const loadMs = performance.now() - started;
if (state.sheets.length === 0) throw new Error('no sheets loaded');
console.log(JSON.stringify({ loadMs, peakMB: peakMB(), baselineMB }));
