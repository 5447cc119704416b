import { renderSweepHtml } from './sweep-html';
import type { PointSummary } from './summary';

const interval = (mean: number) => ({ n: 5, mean, sd: 1, ci95Low: mean - 1, ci95High: mean + 1 });
const summary: PointSummary[] = [0.02, 0.1].map((v, index) => ({
  point: { index, values: { 'payments.commissionRate': v } },
  n: 5,
  kpis: { placed: interval(100 + index), nightShare: { ...interval(NaN), sd: NaN } },
}));
const meta = {
  scenario: '<script>alert(1)</script>',
  scale: 0.1,
  seeds: [1, 2, 3, 4, 5],
  params: [{ path: 'payments.commissionRate', values: [0.02, 0.1] }],
};

describe('sweep.html', () => {
  const html = renderSweepHtml(meta, ['placed', 'nightShare'], summary);

  it('escapes every text from the sweep', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('needs nothing from the network', () => {
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b|<script\b[^>]*\bsrc=/i);
  });

  it('has a chart grid per swept parameter and the data the charts draw', () => {
    expect(html).toContain('id="against-0"');
    expect(html).toContain('"stats":{"placed":[100,99,101],"nightShare":[null,null,null]}');
  });
});
