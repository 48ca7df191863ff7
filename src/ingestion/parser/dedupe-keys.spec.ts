import { assignKeys, chooseKeyMode, contentHash, itemKey, KeyInput } from './dedupe-keys';

const item = (guid: string | null, link: string | null = null, title = 't', text = 'x'): KeyInput => ({
  guid,
  link,
  title,
  text,
});

describe('dedupe keys', () => {
  it('uses the GUID, else the normalised link, else a hash of title and text, prefixed by kind', () => {
    expect(itemKey(item(' urn:1 ', 'https://a/1'), 'guid')).toBe('g:urn:1');
    expect(itemKey(item(null, 'https://a/1'), 'guid')).toBe('l:https://a/1');
    expect(itemKey(item('', null, '标题', '正文'), 'guid')).toBe(`h:${contentHash('标题', '正文')}`);
    expect(contentHash('标题', '正文')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is stable: the same input gives the same key; different text gives a different hash', () => {
    expect(itemKey(item(null, null, 'a', 'b'), 'link')).toBe(itemKey(item(null, null, 'a', 'b'), 'link'));
    expect(itemKey(item(null, null, 'a', 'b'), 'link')).not.toBe(itemKey(item(null, null, 'a', 'c'), 'link'));
    // title+text are separated, so moving a character across the boundary changes the key
    expect(contentHash('ab', 'c')).not.toBe(contentHash('a', 'bc'));
  });

  it('hashes very long GUIDs to keep keys short', () => {
    const key = itemKey(item('x'.repeat(1000)), 'guid');
    expect(key).toMatch(/^g:sha256:[0-9a-f]{64}$/);
  });

  it('keeps GUID mode when at most 5% of GUIDs are blank or repeated', () => {
    const items = Array.from({ length: 20 }, (_, i) => item(`g${i}`, `https://a/${i}`));
    items[19] = item(null, 'https://a/19'); // 1 of 20 = 5%
    expect(chooseKeyMode(items)).toBe('guid');
    const { keys } = assignKeys(items);
    expect(keys[0]).toBe('g:g0');
    expect(keys[19]).toBe('l:https://a/19');
  });

  it('switches the whole feed to link keys above 5% blank or repeated', () => {
    const blank = Array.from({ length: 20 }, (_, i) => item(i < 2 ? '' : `g${i}`, `https://a/${i}`));
    expect(assignKeys(blank)).toEqual({
      keyMode: 'link',
      keys: Array.from({ length: 20 }, (_, i) => `l:https://a/${i}`),
    });
    const repeated = Array.from({ length: 10 }, (_, i) => item('https://site/', `https://a/${i}`));
    expect(chooseKeyMode(repeated)).toBe('link');
    const noLink = assignKeys([item('same', null, 'a'), item('same', null, 'b')]);
    expect(noLink.keys.every((k) => k.startsWith('h:'))).toBe(true);
    expect(new Set(noLink.keys).size).toBe(2);
  });

  it('treats an empty feed as GUID mode', () => {
    expect(assignKeys([])).toEqual({ keyMode: 'guid', keys: [] });
  });
});
