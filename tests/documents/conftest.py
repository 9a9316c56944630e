"""The documents OGP receives, read back by a real consumer: LibreOffice, headless, converts
each file to PDF and poppler's pdftotext extracts its text. ``make test`` installs them on a
Debian machine as root (the Makefile's ``libreoffice`` target); elsewhere these tests are
skipped, saying what to install."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

INSTALL = ("apt-get install --no-install-recommends libreoffice-writer-nogui poppler-utils "
           "(Debian), or LibreOffice and poppler's pdftotext elsewhere")


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def office_text(files: dict[str, bytes], workdir: Path) -> dict[str, tuple[str, str]]:
    """Each file as LibreOffice reads it: name -> (the text pdftotext extracts from the PDF
    LibreOffice printed, the text LibreOffice exports), whitespace folded. Two LibreOffice
    starts for all the files (each start takes seconds). The PDF proves that the file opens
    and prints; its text keeps the two-column rows of the template whole but interleaves the
    lines of wider tables' cells, which the text export keeps whole."""
    soffice, pdftotext = _soffice(), shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.skip(f"LibreOffice or pdftotext is missing: {INSTALL}")
    source = workdir / "in"
    source.mkdir()
    paths = []
    for name, content in files.items():
        path = source / name  # distinct stems: each becomes <stem>.pdf and <stem>.txt
        path.write_bytes(content)
        paths.append(str(path))
    for target, folder in (("pdf", "pdf"), ("txt:Text (encoded):UTF8", "txt")):
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{workdir / 'profile'}", "--headless",
             "--norestore", "--convert-to", target, "--outdir", str(workdir / folder),
             *paths],
            check=True, capture_output=True, timeout=300,
        )
    texts = {}
    for name in files:
        stem = Path(name).stem
        pdf, txt = workdir / "pdf" / f"{stem}.pdf", workdir / "txt" / f"{stem}.txt"
        assert pdf.exists() and txt.exists(), f"LibreOffice did not convert {name}"
        printed = subprocess.run([pdftotext, "-raw", "-enc", "UTF-8", str(pdf), "-"],
                                 check=True, capture_output=True, timeout=60).stdout.decode()
        texts[name] = (fold(printed), fold(txt.read_text(encoding="utf-8")))
    return texts


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def squeeze(text: str) -> str:
    """Without any whitespace: a PDF breaks lines (and long words, in narrow table cells)
    where it likes."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def published(app):
    """The 4th plan, published by a round, with GT0094 ("Compromiso 10", seed 004: many
    institutions, seven milestones, eight contacts) final, and an IRM entry that says some
    fields; GT0099 ("Compromiso 15", seed 000) as a draft version, not final."""
    from datetime import timedelta

    from participa.assessments import services as assessments
    from participa.assessments.models import AssessmentKind
    from participa.base.extensions import db
    from participa.base.time import utcnow
    from participa.consultations.models import ConsultationRound
    from participa.plans import irm
    from participa.plans.models import (
        ActionPlan,
        Commitment,
        CommitmentStatus,
        IrmCompletion,
        PlanStatus,
    )
    from participa.plans.template_data import COMPROMISO_10, COMPROMISO_15
    from participa.plans.versions import VERSION_FIELDS, add_version

    from ..factories import consecutive_phases, make_plan, make_round, make_user

    with app.app_context():
        admin = make_user(email_address="admin@example.org", is_admin=True)
        plan = make_plan(number=4, start_year=2018, status=PlanStatus.IN_IMPLEMENTATION)
        start = utcnow() - timedelta(days=400)
        round_ = make_round(plan, consecutive_phases(start), title="Consulta publicada")
        ids = {"plan": plan.id, "admin": admin.id}
        for template, final in ((COMPROMISO_10, True), (COMPROMISO_15, False)):
            commitment = Commitment(
                plan_id=plan.id, round_id=round_.id, number=template.number,
                ogp_code=template.ogp_code, title=template.title,
                lead_institution=template.lead_institution,
                status=CommitmentStatus.ACTIVE if final else CommitmentStatus.DRAFT)
            db.session.add(commitment)
            db.session.flush()
            add_version(commitment=commitment, number=1,
                        values={name: getattr(template, name) for name in VERSION_FIELDS},
                        milestones=template.milestones, contacts=template.contacts,
                        change_note=template.change_note, author=None, is_final=final)
            ids[template.ogp_code] = commitment.id
        db.session.get(ConsultationRound, round_.id).published_at = start
        db.session.flush()
        irm.record_review(
            actor=admin, commitment=db.session.get(Commitment, ids["GT0094"]),
            values=irm.IrmValues(verifiable=True, relevance=("acceso_informacion",),
                                 completion=IrmCompletion.SUBSTANTIAL),
            source_url="https://example.org/irm/gt0094")
        moderator = make_user(email_address="moderator@example.org", is_moderator=True)
        assessments.open_assessment(actor=moderator, plan=db.session.get(ActionPlan, plan.id),
                                    kind=AssessmentKind.MID_TERM, narratives=NARRATIVES)
        db.session.commit()
    return ids


NARRATIVES = {"implementation": "La MTGA revisó cada avance antes de publicarlo.",
              "co_creation": "Las organizaciones comentaron los avances en la plataforma.",
              "lessons": "Los hitos deben tener fechas verificables."}
