import { Input } from '@tarojs/components';
import { useState } from 'react';

/**
 * Error state of a long form: instant client checks (`local`) show once a field was left or the form
 * was submitted; a server message for a field wins until that field is edited.
 */
export function useFieldErrors(local: Record<string, string>) {
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const submitted = !!touched._all;
  const touch = (k: string) => setTouched((t) => ({ ...t, [k]: true }));
  const edited = (k: string) => setServerErrors((s) => (s[k] ? { ...s, [k]: '' } : s));
  return {
    submitted,
    serverErrors,
    setServerErrors,
    touch,
    edited,
    touchAll: () => setTouched({ _all: true }),
    errorOf: (k: string) => serverErrors[k] || (touched[k] || submitted ? local[k] : '') || '',
    /** A text input wired to this state: editing clears the field's server error, leaving it shows local checks. */
    text: (k: string, value: string, set: (v: string) => void, props: Record<string, unknown>) => (
      <Input
        className='form-input'
        placeholderClass='form-input-placeholder'
        value={value}
        onInput={(e) => {
          set(e.detail.value);
          edited(k);
        }}
        onBlur={() => touch(k)}
        {...props}
      />
    ),
  };
}
