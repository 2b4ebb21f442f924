// Small workflow files of every format, written as such files are written in the wild, for the
// fuzzer to mutate (the examples and the test fixtures join them). Each is a folder: the file the
// fuzzer reads first, and the files beside it that it refers to.
export interface Seed {
  file: string;
  files: Record<string, string>;
}

export const SEEDS: Seed[] = [
  {
    file: 'evals/promptfooconfig.yaml',
    files: {
      'evals/promptfooconfig.yaml': `description: Tutor eval
prompts:
  - file://prompts/tutor.txt
  - 'Explain {{topic}} to a {{level}} student.'
providers:
  - id: openai:chat:gpt-4.1-mini
    config: { temperature: 0.2, max_tokens: 400 }
  - anthropic:messages:claude-sonnet-5
defaultTest:
  assert:
    - type: llm-rubric
      value: is accurate and friendly
tests:
  - vars: { topic: [fractions, decimals], level: primary }
  - file://tests.csv
evaluateOptions: { repeat: 2, maxConcurrency: 8 }
`,
      'evals/prompts/tutor.txt': 'You are a patient tutor.\n---\nTeach {{topic}} step by step.\n',
      'evals/tests.csv': 'topic,level\nalgebra,secondary\ngeometry,secondary\n',
      'evals/promptfooconfig.agentcost.yaml': 'runs_per_day: 3\nbudget: { usd_per_day: 5 }\n',
    },
  },
  {
    file: 'crew/config/tasks.yaml',
    files: {
      'crew/config/tasks.yaml': `research_task:
  description: Research {topic} and list five findings.
  expected_output: A list of five findings.
  agent: researcher
reporting_task:
  description: Write a report from the findings.
  expected_output: A markdown report.
  agent: writer
  context: [research_task]
`,
      'crew/config/agents.yaml': `researcher:
  role: Senior researcher
  goal: Find what matters about {topic}
  backstory: Thorough and curious.
  llm: openai/gpt-4o-mini
  max_iter: 5
writer:
  role: Writer
  goal: Explain clearly
  backstory: Concise.
`,
    },
  },
  {
    file: 'flows/classify/flow.dag.yaml',
    files: {
      'flows/classify/flow.dag.yaml': `inputs:
  url: { type: string }
outputs:
  category: { type: string, reference: \${classify.output} }
nodes:
  - name: fetch
    type: python
    source: { type: code, path: fetch.py }
    inputs: { url: \${inputs.url} }
  - name: summarize
    type: llm
    source: { type: code, path: summarize.jinja2 }
    inputs: { deployment_name: gpt-4o-mini, max_tokens: 128, text: \${fetch.output} }
    connection: azure_open_ai
    api: chat
  - name: classify
    type: llm
    source: { type: code, path: classify.jinja2 }
    inputs: { deployment_name: gpt-4o, summary: \${summarize.output} }
    api: chat
`,
      'flows/classify/summarize.jinja2': 'system:\nSummarize in one sentence.\nuser:\n{{text}}\n',
      'flows/classify/classify.jinja2': 'system:\nClassify as news, shop or other.\nuser:\n{{summary}}\n',
    },
  },
  {
    file: 'chat.prompty',
    files: {
      'chat.prompty': `---
name: Support chat
model:
  api: chat
  configuration:
    type: azure_openai
    azure_deployment: gpt-4o-mini
  parameters:
    max_tokens: 300
sample:
  question: Where is my parcel?
---
system:
You answer support questions briefly.

user:
{{question}}
`,
    },
  },
  {
    file: 'dify/app.yml',
    files: {
      'dify/app.yml': `app:
  mode: workflow
  name: Triage
kind: app
workflow:
  graph:
    nodes:
      - id: start
        data: { type: start, title: Start }
      - id: router
        data: { type: if-else, title: Route, cases: [{ case_id: 'true' }] }
      - id: llm1
        data:
          type: llm
          title: Draft
          model: { provider: openai, name: gpt-4o-mini, completion_params: { max_tokens: 512 } }
          prompt_template: [{ role: system, text: 'Draft a reply to {{#start.query#}}' }]
      - id: llm2
        data:
          type: llm
          title: Escalate
          model: { provider: anthropic, name: claude-3-5-sonnet-20240620 }
          prompt_template: [{ role: system, text: Summarize for a human agent. }]
    edges:
      - { source: start, target: router }
      - { source: router, target: llm1, sourceHandle: 'true' }
      - { source: router, target: llm2, sourceHandle: 'false' }
`,
    },
  },
  {
    file: 'n8n/agent.json',
    files: {
      'n8n/agent.json': JSON.stringify({
        name: 'Support agent',
        nodes: [
          { name: 'Chat Trigger', type: '@n8n/n8n-nodes-langchain.chatTrigger', parameters: {} },
          { name: 'AI Agent', type: '@n8n/n8n-nodes-langchain.agent', parameters: { options: { systemMessage: 'You help customers.' } } },
          { name: 'OpenAI Chat Model', type: '@n8n/n8n-nodes-langchain.lmChatOpenAi', parameters: { model: { __rl: true, value: 'gpt-4o-mini', mode: 'list' }, options: { maxTokens: 500 } } },
          { name: 'Search', type: '@n8n/n8n-nodes-langchain.toolSerpApi', parameters: {} },
        ],
        connections: {
          'Chat Trigger': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
          'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
          Search: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
        },
      }, null, 2),
    },
  },
  {
    file: 'sk/Summarize/config.json',
    files: {
      'sk/Summarize/config.json': JSON.stringify({ schema: 1, description: 'Summarize text', execution_settings: { default: { max_tokens: 256, temperature: 0.1 }, 'gpt-4o': { max_tokens: 512 } } }, null, 2),
      'sk/Summarize/skprompt.txt': 'Summarize this:\n{{$input}}\n',
    },
  },
  {
    file: 'sk/joke.yaml',
    files: {
      'sk/joke.yaml': `name: Joke
template: Tell a joke about {{$topic}}.
template_format: semantic-kernel
input_variables:
  - name: topic
execution_settings:
  default:
    model_id: gpt-4o-mini
    max_tokens: 120
`,
    },
  },
  {
    file: 'autogen/team.json',
    files: {
      'autogen/team.json': JSON.stringify({
        provider: 'autogen_agentchat.teams.RoundRobinGroupChat', component_type: 'team', label: 'Travel team',
        config: {
          participants: [
            { provider: 'autogen_agentchat.agents.AssistantAgent', component_type: 'agent', label: 'planner', config: { name: 'planner', system_message: 'Plan trips.', model_client: { provider: 'autogen_ext.models.openai.OpenAIChatCompletionClient', component_type: 'model', config: { model: 'gpt-4o-mini' } } } },
            { provider: 'autogen_agentchat.agents.AssistantAgent', component_type: 'agent', label: 'critic', config: { name: 'critic', system_message: 'Check plans.', model_client: { provider: 'autogen_ext.models.openai.OpenAIChatCompletionClient', component_type: 'model', config: { model: 'gpt-4o' } } } },
          ],
          termination_condition: { provider: 'autogen_agentchat.conditions.MaxMessageTermination', component_type: 'termination', config: { max_messages: 10 } },
        },
      }, null, 2),
    },
  },
];
