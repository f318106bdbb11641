import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Fieldset, Form, Grid } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH_WITH_MFA, SetupInputSchema, type SetupInput, stateTimeZone } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { TextField, useFocusFirstError } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { TimeZoneField } from '../districts/clock-fields';
import { useSetup, useSetupStatus } from './auth.api';

const FIELDS = [
  'district.ncesLeaId',
  'district.name',
  'district.state',
  'district.timeZone',
  'admin.email',
  'admin.displayName',
  'admin.password',
] as const;

/** First run: the one-time token printed by the server proves this person installed it. */
export function SetupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const setup = useSetup();
  const status = useSetupStatus();
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<(typeof FIELDS)[number], string>>({
    'district.ncesLeaId': '',
    'district.name': '',
    'district.state': '',
    'district.timeZone': '',
    'admin.email': '',
    'admin.displayName': '',
    'admin.password': '',
  });
  // The zone follows the state (its most common zone) until the person picks one themselves.
  const [zoneChosen, setZoneChosen] = useState(false);
  const setState = (state: string) =>
    setValues((v) => ({
      ...v,
      'district.state': state,
      ...(!zoneChosen &&
        /^[A-Za-z]{2}$/.test(state.trim()) && { 'district.timeZone': stateTimeZone(state.trim().toUpperCase()) }),
    }));
  const { invalid, check } = useClientValidation();
  const error = invalid ?? setup.error;
  useFocusFirstError(form, error);

  const field = (name: (typeof FIELDS)[number]) => ({
    id: name.replace('.', '-'),
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
    error: issueOf(error, name),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: SetupInput = {
      token,
      district: {
        ncesLeaId: values['district.ncesLeaId'].trim(),
        name: values['district.name'],
        state: values['district.state'].trim().toUpperCase(),
        timeZone: values['district.timeZone'],
      },
      admin: {
        email: values['admin.email'],
        displayName: values['admin.displayName'],
        password: values['admin.password'],
      },
    };
    if (check(SetupInputSchema, input)) setup.mutate(input);
  };

  return (
    <div className="usa-section">
      <Grid row>
        <Grid col={12} tablet={{ col: 10 }} desktop={{ col: 8 }}>
          <PageTitle>{t('setup.title')}</PageTitle>
          {status.data?.needed === false && !setup.isSuccess ? (
            <Alert type="info" heading={t('setup.alreadyHeading')}>
              <p>{t('setup.alreadyBody')}</p>
              <Link to="/sign-in">{t('setup.signIn')}</Link>
            </Alert>
          ) : setup.isSuccess ? (
            <Alert type="success" heading={t('setup.doneHeading')} live>
              <p>{t('setup.doneBody')}</p>
              <Link className="usa-button" to="/sign-in">
                {t('setup.signIn')}
              </Link>
            </Alert>
          ) : (
            <>
              <p className="usa-intro">{t('setup.intro')}</p>
              {!token && (
                <Alert type="warning" heading={t('setup.noTokenHeading')}>
                  {t('setup.noTokenBody')}
                </Alert>
              )}
              <ApiErrorAlert error={error} heading={t('setup.failed')} shownFields={[...FIELDS]} />
              <Form ref={form} onSubmit={submit} noValidate large>
                <Fieldset legend={t('setup.districtLegend')} legendStyle="large">
                  <TextField
                    {...field('district.ncesLeaId')}
                    label={t('fields.ncesLeaId')}
                    hint={t('hints.ncesLeaId')}
                    inputMode="numeric"
                    maxLength={7}
                  />
                  <TextField {...field('district.name')} label={t('fields.districtName')} autoComplete="organization" />
                  <TextField
                    {...field('district.state')}
                    onChange={(e) => setState(e.target.value)}
                    label={t('fields.state')}
                    hint={t('hints.state')}
                    maxLength={2}
                    autoCapitalize="characters"
                    inputSize="small"
                  />
                  <TimeZoneField
                    id="district-timeZone"
                    value={values['district.timeZone']}
                    onChange={(zone) => {
                      setZoneChosen(true);
                      setValues((v) => ({ ...v, 'district.timeZone': zone }));
                    }}
                    error={issueOf(error, 'district.timeZone') && t('clock.invalidTimeZone')}
                  />
                </Fieldset>
                <Fieldset legend={t('setup.adminLegend')} legendStyle="large">
                  <TextField {...field('admin.displayName')} label={t('fields.displayName')} autoComplete="name" />
                  <TextField
                    {...field('admin.email')}
                    type="email"
                    label={t('fields.email')}
                    autoComplete="email"
                    autoCapitalize="off"
                    spellCheck={false}
                  />
                  <TextField
                    {...field('admin.password')}
                    type="password"
                    label={t('fields.newPassword')}
                    hint={t('hints.passwordWithMfa', { min: PASSWORD_MIN_LENGTH_WITH_MFA })}
                    autoComplete="new-password"
                  />
                </Fieldset>
                <Button type="submit" disabled={setup.isPending || !token}>
                  {setup.isPending ? t('setup.submitting') : t('setup.submit')}
                </Button>
              </Form>
            </>
          )}
        </Grid>
      </Grid>
    </div>
  );
}
