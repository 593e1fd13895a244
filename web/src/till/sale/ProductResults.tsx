import { formatMoney } from '../../common/money.ts';
import type { Product } from '@contract/catalogue.ts';

type Props = {
  products: readonly Product[];
  highlighted: number;
  stale: boolean;
  onPick: (product: Product) => void;
};

export const productResultId = (index: number) => `product-result-${index}`;

/** Products matching the typed words; the item box keeps focus (aria-activedescendant). */
export function ProductResults({ products, highlighted, stale, onPick }: Props) {
  if (products.length === 0) return null;
  return (
    <ul
      className={stale ? 'results product-results stale' : 'results product-results'}
      role="listbox"
      id="product-results"
      aria-label="Products"
    >
      {products.map((product, index) => (
        <li
          key={product.id}
          id={productResultId(index)}
          role="option"
          aria-selected={index === highlighted}
          className={index === highlighted ? 'result highlighted' : 'result'}
          data-testid="product-result"
          // mousedown would move focus off the item box before the click lands
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPick(product)}
        >
          <span className="result-name">{product.name}</span>
          <span className="muted">
            {[product.brand, product.colour, product.size].filter(Boolean).join(' · ')}
          </span>
          <span className="result-number">{product.sku}</span>
          <span className="num">{formatMoney(product.price, product.currency)}</span>
        </li>
      ))}
    </ul>
  );
}
