// Times the glossary matcher on a 60 KB paper: compiling the shipped glossary, and selecting its terms.
// Run: node tests/bench/glossary-matcher.ts [--runs N]
// CPU time is reported beside wall time: on a shared machine wall time mostly measures the neighbours.
import { performance } from 'node:perf_hooks';
import { SHIPPED_GLOSSARY } from '../../lib/shared/glossary/entries.ts';
import { compileGlossary, findGlossaryHits, selectGlossaryEntries } from '../../lib/shared/glossary/match.ts';
import { buildPaperText } from '../fixtures/glossary/paper-text.ts';

const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag === -1 ? 50 : Number(process.argv[runsFlag + 1]);
const text = buildPaperText(60_000);

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

interface Timing {
  firstWall: number;
  medianWall: number;
  firstCpu: number;
  medianCpu: number;
}

function time(run: () => unknown): Timing {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    run();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return {
    firstWall: wall[0] ?? Number.NaN,
    medianWall: median(wall),
    firstCpu: cpu[0] ?? Number.NaN,
    medianCpu: median(cpu),
  };
}

function line(name: string, timing: Timing): string {
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  return `${name}: first ${ms(timing.firstCpu)} CPU (${ms(timing.firstWall)} wall), median ${ms(timing.medianCpu)} CPU (${ms(timing.medianWall)} wall), ${runs} runs`;
}

const compile = time(() => compileGlossary(SHIPPED_GLOSSARY));
const glossary = compileGlossary(SHIPPED_GLOSSARY);
const select = time(() => selectGlossaryEntries(glossary, text));
const hits = findGlossaryHits(glossary, text).length;

console.log(
  `glossary: ${SHIPPED_GLOSSARY.length} entries; text: ${(text.length / 1000).toFixed(1)} K chars, ${hits} hits`,
);
console.log(line('compile', compile));
console.log(line('select ', select));
