// The call settings every format writes in its own words: how hard a model reasons (OpenAI's
// reasoning_effort, Anthropic's thinking.budget_tokens, Gemini's thinkingConfig, Qwen's
// enable_thinking), the service tier, and the cap on tokens out. Formats nest them under
// different keys (promptfoo's config, Dify's completion_params, n8n's options, LiteLLM's
// extra_body); these readers look in the settings object and the usual nests.
import { EFFORTS, type Effort, type ReasoningSetting, type ServiceTier } from '../types';
import { count, isObj, type Obj } from './adapter';

/** Where formats nest a model's parameters inside its settings. */
const NESTS = ['generationConfig', 'generation_config', 'parameters', 'options', 'inferenceConfig', 'model_kwargs', 'extra_body', 'additional_kwargs', 'completion_params', 'config'];

/** The settings object and its nests, nearest first. */
function layers(settings: Obj): Obj[] {
  const out = [settings];
  for (const key of NESTS) if (isObj(settings[key])) out.push(settings[key] as Obj);
  return out;
}

const effortOf = (v: unknown): Effort | undefined => {
  const text = typeof v === 'string' ? v.trim().toLowerCase() : '';
  return (EFFORTS as readonly string[]).includes(text) ? (text as Effort) : undefined;
};

/** A budget as a range of one number, or null for "dynamic" (-1, Gemini's) and non-numbers. */
function budget(v: unknown, from: string): ReasoningSetting | null {
  const n = typeof v === 'number' ? v : count(v);
  if (n === undefined || n < 0) return null;
  return { tokens: { min: n, max: n }, budget: true, from };
}

/**
 * The reasoning a model's settings ask for, in the words of the format (`where` names the settings
 * object, as `providers[0].config`), or null where they say nothing about it.
 */
export function readReasoning(settings: Obj, where: string): ReasoningSetting | null {
  for (const layer of layers(settings)) {
    const at = (key: string) => `${where}${layer === settings ? '' : '…'}.${key}`;
    const effort = effortOf(layer.reasoning_effort) ?? effortOf(layer.reasoningEffort);
    if (effort) return { effort, from: at(layer.reasoning_effort !== undefined ? 'reasoning_effort' : 'reasoningEffort') };
    if (isObj(layer.reasoning)) {
      const e = effortOf(layer.reasoning.effort);
      if (e) return { effort: e, from: at('reasoning.effort') };
      if (layer.reasoning.enabled === false || layer.reasoning.exclude === true) return { effort: 'none', from: at('reasoning.enabled') };
      const max = budget(layer.reasoning.max_tokens, at('reasoning.max_tokens'));
      if (max) return max;
    }
    if (isObj(layer.output_config)) {
      // Anthropic's effort parameter
      const e = effortOf(layer.output_config.effort);
      if (e) return { effort: e, from: at('output_config.effort') };
    }
    if (isObj(layer.thinking)) {
      // Anthropic: { type: enabled, budget_tokens } or { type: disabled }; adaptive leaves the model's default
      const t = layer.thinking;
      if (t.type === 'disabled') return { effort: 'none', from: at('thinking.type') };
      const b = budget(t.budget_tokens ?? t.budgetTokens, at('thinking.budget_tokens'));
      if (b) return b;
      if (t.type === 'enabled') return { effort: 'high', from: at('thinking.type') };
    }
    const gemini = isObj(layer.thinkingConfig) ? layer.thinkingConfig : isObj(layer.thinking_config) ? layer.thinking_config : null;
    if (gemini) {
      const level = effortOf(gemini.thinkingLevel ?? gemini.thinking_level);
      if (level) return { effort: level, from: at('thinkingConfig.thinkingLevel') };
      const b = budget(gemini.thinkingBudget ?? gemini.thinking_budget, at('thinkingConfig.thinkingBudget'));
      if (b) return b.tokens?.max === 0 ? { effort: 'none', from: b.from } : b;
    }
    const flatBudget = budget(layer.thinkingBudget ?? layer.thinking_budget, at('thinkingBudget'));
    // n8n's Anthropic node: a thinking switch with its own budget option
    if (layer.thinking === true) return flatBudget ?? { effort: 'high', from: at('thinking') };
    const flat = budget(layer.thinking_budget ?? layer.thinkingBudget ?? layer.budget_tokens, at('thinking_budget'));
    if (flat) return flat;
    if (layer.enable_thinking === false || layer.enableThinking === false) return { effort: 'none', from: at('enable_thinking') };
  }
  return null;
}

/** OpenAI's service_tier (`flex`, `priority`); null for the standard tier or none set. */
export function readServiceTier(settings: Obj): ServiceTier | null {
  for (const layer of layers(settings)) {
    const tier = layer.service_tier ?? layer.serviceTier;
    if (tier === 'flex' || tier === 'priority') return tier;
  }
  return null;
}

/** Anthropic's cache_control ttl, where a file sets one for its prompt. */
export function readCacheTtl(settings: Obj): '5m' | '1h' | null {
  for (const layer of layers(settings)) {
    const ttl = isObj(layer.cache_control) ? layer.cache_control.ttl : undefined;
    if (ttl === '1h' || ttl === '5m') return ttl;
  }
  return null;
}
