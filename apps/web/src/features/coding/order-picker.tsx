import type { UnitOrder } from '../../api/suggestions.ts';

/** The coder's choice of unit order: the round's own, or the model's most uncertain units first. */
export function OrderPicker({ order, onChange }: { order: UnitOrder; onChange: (order: UnitOrder) => void }) {
  return (
    <label className="order-picker">
      Order
      <select value={order} onChange={(e) => onChange(e.target.value as UnitOrder)}>
        <option value="position">Round order</option>
        <option value="uncertainty">Most uncertain first</option>
      </select>
    </label>
  );
}
