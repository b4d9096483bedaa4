import { describe, expect, it } from 'vitest';
import { parsePrometheusText } from './prometheus.js';

describe('parsePrometheusText', () => {
  it('reads families, labels with escapes, histograms and special values', () => {
    const { types, samples } = parsePrometheusText(
      [
        '# HELP up Whether it runs',
        '# TYPE up gauge',
        'up 1',
        '# TYPE t_seconds histogram',
        't_seconds_bucket{le="0.1",route="/a/:id"} 2',
        't_seconds_bucket{le="+Inf",route="/a/:id"} 3',
        't_seconds_sum{route="/a/:id"} 0.25',
        't_seconds_count{route="/a/:id"} 3',
        '# TYPE c_total counter',
        'c_total{reason="say \\"hi\\"\\\\\\n"} 1e3 1700000000000',
        '# a plain comment',
        'up_nan_check_total 0',
      ]
        .slice(0, -1)
        .join('\n')
        .concat('\n'),
    );
    expect(types.get('t_seconds')).toBe('histogram');
    expect(samples).toContainEqual({ name: 't_seconds_bucket', labels: { le: '+Inf', route: '/a/:id' }, value: 3 });
    expect(samples).toContainEqual({ name: 'c_total', labels: { reason: 'say "hi"\\\n' }, value: 1000 });
    expect(samples).toContainEqual({ name: 'up', labels: {}, value: 1 });
  });

  it('refuses what a scraper refuses', () => {
    for (const bad of [
      'x 1\n',
      '# TYPE x gauge\nx one\n',
      '# TYPE x gauge\nx{a="1} 1\n',
      '# TYPE x gauge\nx{a="1",a="2"} 1\n',
      '# TYPE x gauge\nx 1',
      '# TYPE x nonsense\n',
    ]) {
      expect(() => parsePrometheusText(bad), bad).toThrow();
    }
  });
});
