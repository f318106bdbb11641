import { type FormEvent, useState } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import type { CredentialTypeView } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { TextField } from '../../components/form-fields';
import { useSaveCredentialType } from './training-standard.api';

/** The district's credential types with their validity; each row editable, and a form to add one. */
export function CredentialTypesSection({
  districtId,
  types,
  canEdit,
}: {
  districtId: string;
  types: readonly CredentialTypeView[];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const save = useSaveCredentialType(districtId);
  const [editing, setEditing] = useState<string | null>(null);
  const validity = (m: number | null) =>
    m === null ? t('trainingStandard.noExpiry') : t('trainingStandard.months', { count: m });
  return (
    <>
      <h2>{t('trainingStandard.credentialsHeading')}</h2>
      {save.isError && <ApiErrorAlert error={save.error} heading={t('trainingStandard.typeError')} />}
      {save.isSuccess && (
        <Alert type="success" slim live>
          {t('trainingStandard.typeSaved')}
        </Alert>
      )}
      <DataTable caption={t('trainingStandard.credentialsCaption')} captionId="credential-types-caption">
        <thead>
          <tr>
            <th scope="col">{t('trainingStandard.colKey')}</th>
            <th scope="col">{t('trainingStandard.colNameEn')}</th>
            <th scope="col">{t('trainingStandard.colNameEs')}</th>
            <th scope="col">{t('trainingStandard.colValidity')}</th>
          </tr>
        </thead>
        <tbody>
          {types.map((c) => (
            <tr key={c.key}>
              <th scope="row">
                <code>{c.key}</code>
              </th>
              <td>{c.nameEn}</td>
              <td lang="es">{c.nameEs}</td>
              <td>
                {validity(c.validityMonths)}
                {canEdit && (
                  <Button
                    type="button"
                    unstyled
                    className="display-block margin-top-05"
                    onClick={() => setEditing(c.key)}
                  >
                    {t('trainingStandard.edit', { name: c.nameEn })}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {canEdit && editing && (
        <TypeForm
          key={editing}
          heading={t('trainingStandard.edit', { name: types.find((c) => c.key === editing)?.nameEn ?? editing })}
          type={types.find((c) => c.key === editing) ?? null}
          save={save}
          onDone={() => setEditing(null)}
        />
      )}
      {canEdit && !editing && (
        <TypeForm
          key="new"
          heading={t('trainingStandard.addTypeHeading')}
          type={null}
          save={save}
          onDone={() => undefined}
        />
      )}
    </>
  );
}

function TypeForm({
  heading,
  type,
  save,
  onDone,
}: {
  heading: string;
  type: CredentialTypeView | null;
  save: ReturnType<typeof useSaveCredentialType>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [key, setKey] = useState(type?.key ?? '');
  const [nameEn, setNameEn] = useState(type?.nameEn ?? '');
  const [nameEs, setNameEs] = useState(type?.nameEs ?? '');
  const [months, setMonths] = useState(type?.validityMonths === null || !type ? '' : String(type.validityMonths));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const validityMonths = months.trim() === '' ? null : Number(months);
    // An empty code is sent as one the server refuses with its own message (a path needs a segment).
    save.mutate({ key: key.trim() || '_', nameEn, nameEs, validityMonths }, { onSuccess: onDone });
  };
  return (
    <>
      <h3>{heading}</h3>
      <Form onSubmit={submit} large noValidate aria-label={heading}>
        {type === null && (
          <TextField
            id="type-key"
            label={t('trainingStandard.typeKey')}
            hint={t('trainingStandard.typeKeyHint')}
            value={key}
            onChange={(e) => setKey(e.target.value)}
          />
        )}
        <TextField
          id="type-name-en"
          label={t('trainingStandard.colNameEn')}
          value={nameEn}
          onChange={(e) => setNameEn(e.target.value)}
        />
        <TextField
          id="type-name-es"
          label={t('trainingStandard.colNameEs')}
          lang="es"
          value={nameEs}
          onChange={(e) => setNameEs(e.target.value)}
        />
        <TextField
          id="type-validity"
          label={t('trainingStandard.colValidity')}
          hint={t('trainingStandard.validityHint')}
          isOptional
          inputMode="numeric"
          className="maxw-card"
          value={months}
          onChange={(e) => setMonths(e.target.value)}
        />
        <Button type="submit" disabled={save.isPending}>
          {type === null ? t('trainingStandard.addType') : t('trainingStandard.saveType')}
        </Button>
        {type !== null && (
          <Button type="button" unstyled className="margin-left-2" onClick={onDone}>
            {t('trainingStandard.cancel')}
          </Button>
        )}
      </Form>
    </>
  );
}
