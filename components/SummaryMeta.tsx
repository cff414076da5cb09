// The small print under a finished summary: where it came from, which model wrote it, what it cost.
import { formatUsd } from '../lib/cost.ts';
import { formatKoreanDate, koPanel } from '../lib/i18n/ko.ts';
import type { Usage } from '../lib/messages.ts';

export interface SummaryMetaProps {
  model: string;
  usage: Usage | null;
  cost: number | null;
  fromCache: boolean;
  createdAt: number;
}

export function SummaryMeta({ model, usage, cost, fromCache, createdAt }: SummaryMetaProps) {
  const parts = [
    ...(fromCache ? [koPanel.fromCache(formatKoreanDate(createdAt))] : []),
    koPanel.modelLine(model),
    ...(usage ? [koPanel.tokens(usage.promptTokens + usage.completionTokens)] : []),
    ...(usage && cost !== null ? [koPanel.cost(formatUsd(cost))] : []),
  ];
  return <span class="dpk-meta">{parts.join(' · ')}</span>;
}
