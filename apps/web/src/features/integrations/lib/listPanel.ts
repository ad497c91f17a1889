import { ElMessageBox } from 'element-plus';
import { onMounted, reactive, ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { notifyError, useFormErrors } from '@/api/errors';

/**
 * The list an integrations panel (API keys, webhooks) shows: read when the panel opens and
 * again after every change, so the table always shows what the server holds.
 */
export function useListPanel<T>(fetch: () => Promise<T[]>) {
  const { t } = useI18n();
  const items = ref([]) as Ref<T[]>;
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      items.value = await fetch();
    } catch (error) {
      notifyError(error);
    } finally {
      loading.value = false;
    }
  }
  onMounted(load);

  /** Makes a change, then reads the list again; a failure is shown and the list stays. */
  async function change(run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
      await load();
    } catch (error) {
      notifyError(error);
    }
  }

  /** Asks first (`action` is the title and the button), then makes the change. */
  async function confirmThenChange(message: string, action: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await ElMessageBox.confirm(message, action, { type: 'warning', confirmButtonText: action, cancelButtonText: t('integrations.common.cancel') });
    } catch {
      return;
    }
    await change(run);
  }

  return { items, loading, load, change, confirmThenChange };
}

/**
 * The «create» dialog of a panel: a fresh form each time it opens, field errors at their
 * fields, closed once `save` succeeds, then `saved` (the list reads again).
 */
export function useCreateForm<F extends object>(options: { blank: () => F; fields: readonly string[]; save: (form: F) => Promise<unknown>; saved: () => Promise<void> }) {
  const form = reactive(options.blank()) as F;
  const open = ref(false);
  const saving = ref(false);
  const errors = useFormErrors({ fields: options.fields });

  function openCreate(): void {
    Object.assign(form, options.blank());
    errors.clear();
    open.value = true;
  }

  async function submit(): Promise<void> {
    saving.value = true;
    errors.clear();
    try {
      await options.save(form);
      open.value = false;
      await options.saved();
    } catch (error) {
      errors.apply(error);
    } finally {
      saving.value = false;
    }
  }

  return { form, open, saving, errors, openCreate, submit };
}
