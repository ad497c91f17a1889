import { ElMessage, ElMessageBox } from 'element-plus';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { isOutdated, notifyPlanningError } from '@/features/planning/lib/errors';
import { cancelTask, updateTask } from '@/features/planning/api/tasks';
import type { DayTaskDto, TaskPriority } from '@/features/planning/lib/types';

/**
 * The per-task actions of the planning screens. «Выполнено» and «Перенести» open the
 * page's dialogs (bound to `completing` / `rescheduling`); priority and cancel act at
 * once. `onChanged` reloads the screen after any change — and after a failure caused
 * by out-of-date data (the task was changed or closed elsewhere).
 */
export function useTaskActions(onChanged: () => unknown) {
  const { t } = useI18n();
  const completing = ref<DayTaskDto | null>(null);
  const rescheduling = ref<DayTaskDto | null>(null);
  /** The task a priority change or cancel is being sent for. */
  const busyId = ref<string | null>(null);

  function openComplete(task: DayTaskDto): void {
    completing.value = task;
  }

  function openReschedule(task: DayTaskDto): void {
    rescheduling.value = task;
  }

  async function run(task: DayTaskDto, action: () => Promise<unknown>, success: string): Promise<void> {
    busyId.value = task.id;
    try {
      await action();
      ElMessage.success(success);
      await onChanged();
    } catch (error) {
      notifyPlanningError(error);
      if (isOutdated(error)) await onChanged();
    } finally {
      busyId.value = null;
    }
  }

  async function setPriority(task: DayTaskDto, priority: TaskPriority): Promise<void> {
    if (task.priority === priority || task.status !== 'planned') return;
    const label = t(`planning.priority.${priority}`);
    await run(task, () => updateTask(task, { priority }), t('planning.messages.priorityChanged', { priority: label }));
  }

  async function cancel(task: DayTaskDto): Promise<void> {
    let reason = '';
    try {
      const answer = await ElMessageBox.prompt(
        t('planning.cancelDialog.text', { subject: task.subject }),
        t('planning.cancelDialog.title'),
        {
          type: 'warning',
          confirmButtonText: t('planning.cancelDialog.confirm'),
          cancelButtonText: t('planning.cancelDialog.keep'),
          inputPlaceholder: t('planning.cancelDialog.reason'),
          inputValidator: (value: string) => !value || value.length <= 2000,
        },
      );
      reason = String((answer as { value?: unknown }).value ?? '').trim();
    } catch {
      return; // kept
    }
    await run(task, () => cancelTask(task, reason || undefined), t('planning.messages.cancelled'));
  }

  return { completing, rescheduling, busyId, openComplete, openReschedule, setPriority, cancel };
}

export type TaskActions = ReturnType<typeof useTaskActions>;
