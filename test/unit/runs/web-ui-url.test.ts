import { describe, expect, it } from 'vitest';
import { webUiListUrl, webUiRunUrl } from '../../../src/runs/web-ui-url';

describe('webUiRunUrl', () => {
  it('links the history of one run', () => {
    expect(webUiRunUrl('http://127.0.0.1:8233', 'default', 'action:p:a:e:dev:1', 'run-1')).toBe(
      'http://127.0.0.1:8233/namespaces/default/workflows/action%3Ap%3Aa%3Ae%3Adev%3A1/run-1/history',
    );
  });

  it('links the latest run without a run ID', () => {
    expect(webUiRunUrl('http://ui.internal/', 'prod', 'order/42')).toBe(
      'http://ui.internal/namespaces/prod/workflows/order%2F42',
    );
  });
});

describe('webUiListUrl', () => {
  it('carries the query in the query string', () => {
    expect(webUiListUrl('http://127.0.0.1:8233//', 'default', 'DuctapeEnv = "dev"')).toBe(
      'http://127.0.0.1:8233/namespaces/default/workflows?query=DuctapeEnv%20%3D%20%22dev%22',
    );
  });
});
