// Generated agentflow workflows for the benchmark: `steps` steps in a random graph, a share
// `ranged` of them with token ranges, every 7th an agent loop, every 11th a repeat.
const MODELS = ['mistral-small', 'mistral-medium', 'gpt-5.5', 'claude-sonnet-5', 'ministral-8b', 'deepseek-v4-flash'];

function generate(steps, ranged, seed = 1) {
  let s = seed;
  const rand = (n) => ((s = (s * 1103515245 + 12345) % 2147483648) % n);
  const lines = ['version: 1', `name: generated ${steps}`, 'runs_per_day: 500', 'budget:', '  usd_per_run: 5', 'steps:'];
  for (let i = 0; i < steps; i++) {
    const range = rand(1000) < ranged * 1000;
    lines.push(`  - id: step-${i}`);
    if (i > 0) lines.push(`    after: [step-${rand(i)}${i > 2 ? `, step-${rand(i)}` : ''}]`);
    lines.push(`    model: ${MODELS[rand(MODELS.length)]}`);
    lines.push(range ? `    input_tokens: [${500 + rand(500)}, ${2000 + rand(2000)}]` : `    input_tokens: ${500 + rand(3000)}`);
    lines.push(range ? `    output_tokens: [${50 + rand(100)}, ${300 + rand(300)}]` : `    output_tokens: ${50 + rand(500)}`);
    if (i % 7 === 3) lines.push(`    agent: { turns: ${range ? '[2, 9]' : 5}, tool_tokens: 300, tool_latency_s: 1 }`, '    cache: { hit_rate: 0.6 }');
    if (i % 11 === 5) lines.push('    repeat: 10', '    concurrency: 3', '    retry_rate: 0.02');
  }
  return `${lines.join('\n')}\n`;
}

module.exports = { generate, MODELS };
