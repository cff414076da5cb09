// The small print under a deep reading result: cached or new, which model, tokens, cost.
import { formatTokens, formatUsd } from '../../lib/shared/cost.ts';
import type { Usage } from '../../lib/shared/domain.ts';
import { formatDate } from '../../lib/shared/i18n/ui.ts';
import { uiReader } from '../../lib/shared/i18n/ui-reader.ts';

export function ResultMeta(props: {
  model: string;
  usage: Usage | null;
  cost: number | null;
  createdAt: number;
  fromCache: boolean;
}) {
  const tokens = props.usage ? formatTokens(props.usage.promptTokens + props.usage.completionTokens) : null;
  const cost = props.usage && props.cost !== null ? formatUsd(props.cost) : null;
  const cached = props.fromCache ? uiReader.fromCache(formatDate(props.createdAt)) : null;
  return <p class="meta">{uiReader.meta(props.model, tokens, cost, cached)}</p>;
}
