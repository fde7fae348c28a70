import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import DetailView, ListView

from consultation import rules, throttle
from consultation import selectors as comment_selectors
from consultation import services as comment_services
from consultation.forms import PublicCommentForm, ReceiptLookupForm
from consultation.models import Phase
from organizations.models import Organization

from . import selectors

COMMENTS_PER_PAGE = 20
# Form field → model field, for the errors the service raises.
COMMENT_FIELDS = {"submitter_name": "name", "submitter_organization": "organization"}

# The embed is framed by agencies' e-portals: the portal's policy minus its frame-ancestors 'none'.
EMBED_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors *"
)


@method_decorator(login_not_required, name="dispatch")
class ConsultationListView(ListView):
    template_name = "public/index.html"
    context_object_name = "drafts"
    paginate_by = 20

    def get_organization(self):
        return None

    def get_queryset(self):
        self.organization = self.get_organization()
        self.search = self.request.GET.get("q", "").strip()
        return selectors.current_consultations(organization=self.organization, search=self.search)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(organization=self.organization, search=self.search, today=timezone.localdate())
        return ctx


class OrganizationConsultationView(ConsultationListView):
    def get_organization(self):
        return get_object_or_404(Organization, code=self.kwargs["code"])


@method_decorator(login_not_required, name="dispatch")
class PublicDraftView(DetailView):
    template_name = "public/draft.html"
    context_object_name = "draft"

    def get_object(self, queryset=None):
        return get_object_or_404(
            selectors.public_drafts().select_related("drafting_organization"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        draft = self.object
        today = timezone.localdate()
        phase = rules.open_phase(draft, today)
        ctx["policies"] = (
            draft.policies.filter(in_scope=True).only("title", "summary", "draft_id").order_by("position", "pk")
        )
        ctx["files"] = selectors.public_files(draft)
        ctx["open_phase"] = phase
        if phase:
            ctx["phase_label"] = Phase(phase).label
            ctx["days_left"] = rules.days_left(draft, phase, today)
            ctx.setdefault("form", PublicCommentForm(draft=draft))
        ctx["retention_days"] = settings.CONSULTATION_PERSONAL_DATA_DAYS
        ctx["lookup_form"] = ReceiptLookupForm()
        ctx["comments_page"] = comments_page(self.request, draft)
        return ctx


def comments_page(request, draft):
    """One page of the draft's published comments, each with its public answer (if any) as ``answer``."""
    page = Paginator(comment_selectors.published_comments(draft), COMMENTS_PER_PAGE).get_page(
        request.GET.get("comments_page")
    )
    phases = comment_selectors.approved_phases(draft)
    for comment in page.object_list:
        comment.answer = comment_selectors.public_answer(comment, phases)
    return page


@method_decorator(login_not_required, name="dispatch")
class CommentSubmitView(PublicDraftView):
    """``POST /public/drafts/<id>/comments/``: the public comment form. Success: 302 to the receipt. Refused:
    the draft's page again with the errors and what was typed (400); over a rate limit: 429 with Retry-After."""

    http_method_names = ["post"]

    def refuse(self, form, status=400, **extra):
        self.object = self.get_object()
        ctx = self.get_context_data(form=form, **extra)
        return self.render_to_response(ctx, status=status)

    def post(self, request, *args, **kwargs):
        self.object = draft = self.get_object()
        form = PublicCommentForm(request.POST, draft=draft)
        if form.is_bot:
            # Nothing stored; a person whose browser filled the hidden field just sends again (it comes back empty).
            form.is_valid()
            form.add_error(None, _("Your comment could not be accepted. Please check it and send it again."))
            return self.refuse(form)
        refusal = comment_services.window_refusal(draft, timezone.localdate())
        if refusal:
            return self.refuse(form, window_refusal=refusal, refused_text=request.POST.get("text", ""))
        if not form.is_valid():
            return self.refuse(form)
        retry = throttle.hit(
            "ip", throttle.client_ip(request),
            limit=settings.CONSULTATION_RATE_IP, window=settings.CONSULTATION_RATE_IP_SECONDS,
        )
        email = form.cleaned_data["email"]
        if retry is None and email:
            retry = throttle.hit(
                "email", email,
                limit=settings.CONSULTATION_RATE_EMAIL, window=settings.CONSULTATION_RATE_EMAIL_SECONDS,
            )
        if retry is not None:
            return rate_limited(request, draft, retry, form.cleaned_data["text"])
        data = form.cleaned_data
        try:
            comment = comment_services.comment_submit(
                draft=draft, text=data["text"], policy=data["policy"], name=data["name"],
                organization=data["organization"], email=email, show_name=data["show_name"],
                consent=data["consent"],
            )
        except comment_services.WindowClosed as error:
            return self.refuse(form, window_refusal=error.messages[0], refused_text=data["text"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                name = COMMENT_FIELDS.get(field, field)
                form.add_error(name if name in form.fields else None, messages)
            return self.refuse(form)
        return redirect(reverse("public:receipt", args=[comment.receipt_code]) + "?sent=1")


def rate_limited(request, draft, retry_after, text):
    minutes = max(1, -(-retry_after // 60))
    response = render(
        request, "public/rate_limited.html",
        {"draft": draft, "minutes": minutes, "retry_at": timezone.localtime() + dt.timedelta(seconds=retry_after),
         "text": text},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


@method_decorator(login_not_required, name="dispatch")
class ReceiptView(View):
    """``GET /public/comments/<code>/``: the state of one comment, its draft's title and date; nothing else."""

    def get(self, request, code):
        found = comment_selectors.receipt(code)
        if found is None:
            return render(request, "public/receipt_unknown.html", {"code": code[:16], "lookup_form": ReceiptLookupForm()},
                          status=404)
        url = request.build_absolute_uri(reverse("public:receipt", args=[found.code]))
        return render(request, "public/receipt.html", {"receipt": found, "sent": request.GET.get("sent") == "1",
                                                       "receipt_url": url})


@method_decorator(login_not_required, name="dispatch")
class ReceiptLookupView(View):
    """``GET /public/comments/?code=…``: the small lookup form's target."""

    def get(self, request):
        form = ReceiptLookupForm(request.GET or None)
        if form.is_valid():
            return redirect("public:receipt", code=form.cleaned_data["code"])
        return render(request, "public/receipt_unknown.html", {"code": "", "lookup_form": form}, status=404)


@method_decorator(login_not_required, name="dispatch")
class CommentConfirmView(View):
    """``GET /public/comments/confirm/<token>/``: the link of the confirmation mail."""

    def get(self, request, token):
        try:
            comment = comment_services.comment_confirm_email(token=token)
        except ValidationError as error:
            return render(request, "public/confirm.html", {"error": error.messages[0]}, status=400)
        return render(request, "public/confirm.html", {"code": comment.receipt_code})


@method_decorator(login_not_required, name="dispatch")
class PublicFileView(View):
    def get(self, request, pk):
        stored = selectors.public_file(pk)
        if stored is None:
            raise Http404
        try:
            handle = stored.file.open("rb")
        except (FileNotFoundError, OSError):
            raise Http404 from None
        return FileResponse(handle, as_attachment=True, filename=stored.original_name, content_type=stored.content_type)


@method_decorator([login_not_required, xframe_options_exempt], name="dispatch")
class EmbedView(ConsultationListView):
    template_name = "public/embed.html"
    paginate_by = 10

    def get_organization(self):
        code = self.request.GET.get("organization")
        return get_object_or_404(Organization, code=code) if code else None

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["Content-Security-Policy"] = EMBED_CSP
        return response
