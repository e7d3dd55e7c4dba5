import { describe, expect, it } from 'vitest';
import { describeUrl } from '../../../src/http/display-url';

describe('describeUrl', () => {
  it('fills literal path parameters', () => {
    expect(
      describeUrl('https://api.example', '/v1/users/{userId}/cards/:cardId', { userId: 'u 1', cardId: 7 }),
    ).toBe('https://api.example/v1/users/u%201/cards/7');
  });

  it('keeps parameters from placeholders as names', () => {
    const url = describeUrl('https://api.example', '/v1/merchants/{merchant}/keys/:key', {
      merchant: '$Variable{payments}{merchant_id}',
      key: 'key-$Secret{API_KEY}',
    });

    expect(url).toBe('https://api.example/v1/merchants/{merchant}/keys/{key}');
  });

  it('keeps missing and unusable parameters as names', () => {
    expect(
      describeUrl('https://api.example', '/a/{missing}/{empty}/{dots}/{object}', {
        empty: '',
        dots: '..',
        object: { id: 1 },
      }),
    ).toBe('https://api.example/a/{missing}/{empty}/{dots}/{object}');
  });

  it('drops user info, query and fragment', () => {
    expect(describeUrl('https://user:pass@api.example/base/?x=1', '/v1/items?limit=5#top', {})).toBe(
      'https://api.example/base/v1/items',
    );
  });
});
