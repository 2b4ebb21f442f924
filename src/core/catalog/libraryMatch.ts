// A model as a price source knows it: shared by the price library and LiteLLM's snapshot.
import type { PriceSpec } from '../types';

export interface LibraryMatch {
  /** The library's own id and name for the model (`gpt-3.5-turbo` for `gpt-35-turbo`). */
  modelId: string;
  modelName: string;
  providerId: string;
  price: PriceSpec;
  /** A price change ahead (an introductory price ending), for the estimate's assumptions. */
  note?: string;
}
