// The editable per-model price table (USD per million tokens) used for cost estimates.
import type { ModelPrice } from '../../lib/shared/cost.ts';
import { uiOptions } from '../../lib/shared/i18n/ui.ts';

export interface PriceTableProps {
  prices: Record<string, ModelPrice>;
  currentModel: string;
  onChange: (prices: Record<string, ModelPrice>) => void;
}

export function PriceTable({ prices, currentModel, onChange }: PriceTableProps) {
  const models = Object.keys(prices).sort((a, b) => a.localeCompare(b));
  const model = currentModel.trim();
  const setPrice = (name: string, field: keyof ModelPrice, value: number) => {
    const old = prices[name] ?? { input: 0, output: 0 };
    onChange({ ...prices, [name]: { ...old, [field]: Number.isFinite(value) && value >= 0 ? value : 0 } });
  };
  return (
    <fieldset class="field prices">
      <legend>{uiOptions.prices}</legend>
      <p class="hint">{uiOptions.pricesHint}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{uiOptions.priceModel}</th>
            <th scope="col">{uiOptions.priceInput}</th>
            <th scope="col">{uiOptions.priceOutput}</th>
          </tr>
        </thead>
        <tbody>
          {models.map((name) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              {(['input', 'output'] as const).map((field) => (
                <td key={field}>
                  <input
                    type="number"
                    min={0}
                    step={0.01}
                    aria-label={`${name} ${field === 'input' ? uiOptions.priceInput : uiOptions.priceOutput}`}
                    value={prices[name]?.[field] ?? 0}
                    onInput={(e) => setPrice(name, field, e.currentTarget.valueAsNumber)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {model && !prices[model] && (
        <button type="button" onClick={() => onChange({ ...prices, [model]: { input: 0, output: 0 } })}>
          {uiOptions.addPrice} ({model})
        </button>
      )}
    </fieldset>
  );
}
