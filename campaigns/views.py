from django.views.generic import ListView

from .models import Activity, Campaign


class CampaignListView(ListView):
    template_name = "campaigns/campaign_list.html"
    paginate_by = 25

    def get_queryset(self):
        return Campaign.objects.visible_to(self.request.user).select_related("draft")


class ActivityListView(ListView):
    template_name = "campaigns/activity_list.html"
    paginate_by = 25

    def get_queryset(self):
        return Activity.objects.visible_to(self.request.user).select_related("draft")
