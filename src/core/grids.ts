// Electricity grids for CO2: by default each model on the grid of its provider's data centres
// (EcoLogits' mapping of API providers to countries, with its 2024 intensities), or one region the
// user names for every model. Intensities are gCO2e per kWh, life-cycle of the electricity.
import grids from './catalog/grids.json';

export interface Grid {
  /** The id a user types (`eu`, `france`, `usa`), or 'provider:<name>'. */
  id: string;
  name: string;
  gPerKwh: number;
  source: string;
  /** The provider's data-centre PUE, where EcoLogits gives one. */
  pue?: number;
}

/** The default region: each model on its provider's grid. */
export const PROVIDER_GRIDS = 'provider';
export const DEFAULT_REGION = PROVIDER_GRIDS;

type Zone = { name: string; gPerKwh: number };
const ZONES = grids.zones as Record<string, Zone>;
const ECOLOGITS_MIX = "EcoLogits 0.9.1's electricity mix (Our World in Data and Ember, 2024)";

function zoneGrid(code: string, id = code.toLowerCase()): Grid {
  const z = ZONES[code];
  return { id, name: z.name, gPerKwh: z.gPerKwh, source: `${ECOLOGITS_MIX} for ${z.name}` };
}

const EU: Grid = { id: 'eu', name: 'EU average', gPerKwh: grids.eu.gPerKwh, source: grids.eu.source };

/** The regions offered by name in the settings; any country EcoLogits lists is found too. */
export const GRID_REGIONS: readonly Grid[] = [
  EU, zoneGrid('FRA', 'france'), zoneGrid('SWE', 'sweden'), zoneGrid('DEU', 'germany'), zoneGrid('IRL', 'ireland'),
  zoneGrid('USA', 'us'), zoneGrid('WOR', 'world'),
];

/** A region by its id, its name or its ISO code (`eu`, `france`, `United Kingdom`, `GBR`); undefined for 'provider' or an unknown name. */
export function findRegion(id: string): Grid | undefined {
  const key = id.trim().toLowerCase();
  const named = GRID_REGIONS.find((r) => r.id === key || r.name.toLowerCase() === key);
  if (named) return named;
  const code = Object.keys(ZONES).find((c) => c.toLowerCase() === key || ZONES[c].name.toLowerCase() === key);
  return code ? zoneGrid(code) : undefined;
}

/** Every region id and country a user may name, for help texts. */
export function regionNames(): string[] {
  return [PROVIDER_GRIDS, ...GRID_REGIONS.map((r) => r.id), ...Object.values(ZONES).map((z) => z.name.toLowerCase())];
}

/** EcoLogits' provider keys, by the provider names our catalogs and price data use. */
const ECOLOGITS_PROVIDER: Record<string, string> = {
  openai: 'openai', azure: 'openai', azure_ai: 'openai', anthropic: 'anthropic', google: 'google_genai', gemini: 'google_genai',
  'vertex_ai-language-models': 'google_genai', mistral: 'mistralai', mistralai: 'mistralai', codestral: 'mistralai',
  cohere: 'cohere', cohere_chat: 'cohere', huggingface: 'huggingface_hub',
};
const PROVIDERS = grids.providers as Record<string, { zone: string; pue: number }>;

/** The grid of a provider's data centres, as EcoLogits maps them; the world average for a provider it does not list. */
export function providerGrid(provider: string): Grid {
  const key = Object.hasOwn(ECOLOGITS_PROVIDER, provider) ? ECOLOGITS_PROVIDER[provider] : undefined;
  const located = key ? PROVIDERS[key] : undefined;
  if (!located) {
    return { ...zoneGrid('WOR', `provider:${provider}`), source: `${provider}'s data-centre location is not in EcoLogits' list of providers: the world average, ${ECOLOGITS_MIX}` };
  }
  const z = ZONES[located.zone];
  return {
    id: `provider:${provider}`, name: `${z.name} (${provider}'s data centres)`, gPerKwh: z.gPerKwh, pue: located.pue,
    source: `EcoLogits 0.9.1 places ${provider}'s data centres in ${z.name}; ${ECOLOGITS_MIX} for ${z.name}`,
  };
}
