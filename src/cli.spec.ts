import { parseFlags } from './cli';

describe('parseFlags', () => {
  it('takes the next word as a flag value, `--key=value`, and a bare flag before another flag as true', () => {
    expect(parseFlags(['a.csv', '--out', 'x.json', '--every=25', '--json', '--all'])).toEqual({
      args: ['a.csv'],
      flags: { out: 'x.json', every: '25', json: true, all: true },
    });
  });

  it('never gives a bare flag the next word: it stays positional', () => {
    expect(parseFlags(['--team-cases', 'a.csv', 'b.csv', '--out', 'x.json'], ['team-cases'])).toEqual({
      args: ['a.csv', 'b.csv'],
      flags: { 'team-cases': true, out: 'x.json' },
    });
    // Not declared bare: the same words read as a value (what --out needs).
    expect(parseFlags(['--team-cases', 'a.csv']).flags['team-cases']).toBe('a.csv');
  });
});
