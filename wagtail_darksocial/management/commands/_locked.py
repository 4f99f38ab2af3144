"""What ``darksocial_rollup`` and ``darksocial_prune`` share: the rollup lock."""

from django.core.management.base import BaseCommand

from ...tracking.locks import RollupBusy, exclusive_rollup


class LockedCommand(BaseCommand):
    """Runs its job under the rollup lock: it waits for a running rollup or prune to
    end, or with ``--no-wait`` says so and exits at once."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--no-wait",
            action="store_true",
            help="If another rollup or prune is running, skip this run instead of waiting.",
        )
        return parser

    def run_exclusively(self, job, no_wait):
        try:
            with exclusive_rollup(wait=not no_wait):
                result = job()
        except RollupBusy:
            self.stdout.write("Another rollup or prune is running; skipped (--no-wait).")
            return
        self.stdout.write(result.summary())
