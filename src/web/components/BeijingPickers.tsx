// Date and date-time pickers for values written in Beijing time: 'YYYY-MM-DD' dates and
// 'YYYY-MM-DDTHH:mm:ss+08:00' clock times (campaign files, the calendar). The picker shows and
// edits the wall-clock digits as written, so a user anywhere reads the time the notice gives,
// whatever the browser's time zone.
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { isBeijingDateTime, isValidDate } from '../../domain/campaign/dates';

interface PickerProps<T> {
  id?: string;
  value: T | undefined | null;
  onChange(value: T | undefined): void;
  status?: 'error' | 'warning';
  disabled?: boolean;
  placeholder?: string;
  /** The time of day a newly picked date starts with: '00:00:00' for an opening, '23:59:59' for a closing. */
  defaultTime?: string;
  'aria-label'?: string;
}

/** A Beijing clock time; the stored string always carries +08:00. */
export function BeijingDateTimePicker({ id, value, onChange, status, disabled, placeholder, defaultTime = '00:00:00', ...rest }: PickerProps<string>) {
  const valid = isBeijingDateTime(value);
  return (
    <DatePicker
      id={id}
      aria-label={rest['aria-label']}
      showTime={{ defaultValue: dayjs(`2000-01-01T${defaultTime}`) }}
      showNow={false}
      format="YYYY-MM-DD HH:mm:ss"
      value={valid ? dayjs(value.slice(0, 19)) : null}
      onChange={(d) => onChange(d ? `${d.format('YYYY-MM-DDTHH:mm:ss')}+08:00` : undefined)}
      status={status ?? (value && !valid ? 'error' : undefined)}
      disabled={disabled}
      placeholder={placeholder ?? (value && !valid ? String(value) : '选择日期和时间')}
      className="zp-picker"
    />
  );
}

/** A calendar date 'YYYY-MM-DD'. */
export function BeijingDatePicker({ id, value, onChange, status, disabled, placeholder, ...rest }: PickerProps<string>) {
  const valid = isValidDate(value);
  return (
    <DatePicker
      id={id}
      aria-label={rest['aria-label']}
      format="YYYY-MM-DD"
      value={valid ? dayjs(value) : null}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
      status={status ?? (value && !valid ? 'error' : undefined)}
      disabled={disabled}
      placeholder={placeholder ?? (value && !valid ? String(value) : '选择日期')}
      className="zp-picker"
    />
  );
}
