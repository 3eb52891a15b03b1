import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FormActions, SubmitButton } from './form-actions';
import { FormErrorSummary } from './form-error-summary';
import { Choice, FieldErrorMessage } from './form-fields';

// The shared form parts render plain markup, so static rendering in Node shows what users get.
const noop = () => {};

describe('form error summary', () => {
  it('announces the summary and lists the messages that belong to no field', () => {
    const html = renderToStaticMarkup(
      createElement(FormErrorSummary, {
        errors: { summary: 'Please correct the highlighted fields.', details: ['Version is stale.'] },
      }),
    );
    expect(html).toBe(
      '<div role="alert" class="alert alert-error"><p>Please correct the highlighted fields.</p>' +
        '<ul><li>Version is stale.</li></ul></div>',
    );
  });

  it('shows an optional title and extra content, and nothing at all without a summary', () => {
    const html = renderToStaticMarkup(
      createElement(
        FormErrorSummary,
        { errors: { summary: 'Someone else holds the role.', details: [] }, title: 'Not saved' },
        createElement('p', null, 'Conflicting interval'),
      ),
    );
    expect(html).toBe(
      '<div role="alert" class="alert alert-error"><p class="alert-title">Not saved</p>' +
        '<p>Someone else holds the role.</p><p>Conflicting interval</p></div>',
    );
    expect(
      renderToStaticMarkup(createElement(FormErrorSummary, { errors: { summary: null, details: [] } })),
    ).toBe('');
  });
});

describe('form actions', () => {
  it('says what is happening while the request runs, and stays focusable', () => {
    const idle = renderToStaticMarkup(
      createElement(FormActions, {
        pending: false,
        pendingLabel: 'Saving…',
        submitLabel: 'Save changes',
        onCancel: noop,
      }),
    );
    expect(idle).toBe(
      '<div class="form-actions"><button type="submit" class="button button-primary" aria-disabled="false">' +
        'Save changes</button><button type="button" class="button">Cancel</button></div>',
    );
    const pending = renderToStaticMarkup(
      createElement(FormActions, { pending: true, pendingLabel: 'Saving…', submitLabel: 'Save changes' }),
    );
    expect(pending).toBe(
      '<div class="form-actions"><button type="submit" class="button button-primary" aria-disabled="true">' +
        'Saving…</button></div>',
    );
  });

  it('adds classes to the submit button', () => {
    const html = renderToStaticMarkup(
      createElement(SubmitButton, {
        pending: false,
        pendingLabel: 'Signing in…',
        className: 'button-block',
        children: 'Sign in',
      }),
    );
    expect(html).toBe(
      '<button type="submit" class="button button-primary button-block" aria-disabled="false">Sign in</button>',
    );
  });
});

describe('choice and field error message', () => {
  it('ties the description to the control and marks an error by more than colour', () => {
    const html = renderToStaticMarkup(
      createElement(Choice, {
        type: 'checkbox',
        id: 'active',
        name: 'active',
        label: 'Active',
        description: 'Inactive accounts cannot sign in.',
        checked: true,
        disabled: true,
        onChange: noop,
      }),
    );
    // (React orders an input's attributes its own way, so they are checked one by one.)
    const input = html.match(/<input [^>]*>/)![0];
    for (const attribute of ['type="checkbox"', 'id="active"', 'name="active"', 'checked=""', 'disabled=""'])
      expect(input).toContain(attribute);
    expect(input).toContain('aria-describedby="active-desc"');
    expect(html).toContain(
      '<label for="active">Active<span id="active-desc" class="checkbox-description">' +
        'Inactive accounts cannot sign in.</span></label>',
    );
    expect(renderToStaticMarkup(createElement(FieldErrorMessage, null, 'Choose one.'))).toBe(
      '<p class="field-error"><span aria-hidden="true">⚠ </span>Choose one.</p>',
    );
  });
});
