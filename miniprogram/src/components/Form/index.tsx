import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

interface FieldProps {
  label: string;
  /** Stable hook for tests and styling, e.g. `register-name`. */
  className?: string;
  required?: boolean;
  error?: string;
  hint?: string;
  children: ReactNode;
}

/** A labelled form row with its error (client check or the server's field message) beneath. */
export function Field({ label, className = '', required, error, hint, children }: FieldProps) {
  return (
    <View className={`form-field ${error ? 'form-field--error' : ''} ${className}`}>
      <View className='form-field__row'>
        <Text className='form-field__label'>
          {required && <Text className='form-field__required'>*</Text>}
          {label}
        </Text>
        <View className='form-field__control'>{children}</View>
      </View>
      {error ? <Text className='form-field__error'>{error}</Text> : hint ? <Text className='form-field__hint'>{hint}</Text> : null}
    </View>
  );
}

/** A read-only row: label and value. */
export function InfoRow({ label, value, className = '' }: { label: string; value: ReactNode; className?: string }) {
  return (
    <View className={`info-row ${className}`}>
      <Text className='info-row__label'>{label}</Text>
      <View className='info-row__value'>{value}</View>
    </View>
  );
}

/** Tappable value that opens a picker; shows a placeholder until chosen. */
export function PickerValue({ text, placeholder }: { text?: string; placeholder: string }) {
  return (
    <View className='picker-value'>
      <Text className={text ? 'picker-value__text' : 'picker-value__placeholder'}>{text || placeholder}</Text>
      <View className='picker-value__arrow' />
    </View>
  );
}

export function FormError({ message, className = '' }: { message?: string; className?: string }) {
  if (!message) return null;
  return <View className={`form-error ${className}`}>{message}</View>;
}
