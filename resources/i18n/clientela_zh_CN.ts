<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>AudienceFilters</name>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="382" />
            <source>%1 left out because they opted out of %2</source>
            <translation>%1 位因拒收%2而未列入</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="406" />
            <source>%1 not in the audience yet · %2 already in it</source>
            <translation>%1 位尚未列入名单 · %2 位已在名单中</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/audience_filters.py" line="380" />
            <source>%n customer(s) match</source>
            <translation>
                <numerusform>%n 位客户符合条件</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="115" />
            <source>All cities</source>
            <translation>所有城市</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="116" />
            <source>All districts</source>
            <translation>所有区县</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="401" />
            <source>All of them are in the audience already.</source>
            <translation>他们都已在活动名单中。</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="118" />
            <source>All owners</source>
            <translation>所有负责人</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="117" />
            <source>All tags</source>
            <translation>所有标签</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="125" />
            <source>Any RFM segment</source>
            <translation>任意 RFM 细分</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="122" />
            <source>Any class</source>
            <translation>任意分类</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="131" />
            <source>Any level</source>
            <translation>任意等级</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="119" />
            <source>Any stage</source>
            <translation>任意阶段</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="135" />
            <source>Any vehicle use</source>
            <translation>任意车辆用途</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="369" />
            <source>Cannot count</source>
            <translation>无法统计</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="145" />
            <source>City</source>
            <translation>城市</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="148" />
            <source>Class</source>
            <translation>分类</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="238" />
            <source>Classes, RFM segments and key accounts have not been worked out yet (Reports ▸ Work out segments), so filtering by them matches no one.</source>
            <translation>尚未计算分类、RFM 细分和大客户（报表 ▸ 计算客户细分），按这些条件筛选不会匹配任何客户。</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="175" />
            <location filename="../../app/ui/audience_filters.py" line="348" />
            <source>Counting…</source>
            <translation>正在统计…</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="142" />
            <source>Customers who opted out of this channel are left out</source>
            <translation>已拒收此渠道的客户不会被列入</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="145" />
            <source>District</source>
            <translation>区县</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="391" />
            <source>Everyone who matches opted out of this channel.</source>
            <translation>所有符合条件的客户都已拒收此渠道。</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="149" />
            <source>Invite by</source>
            <translation>邀请方式</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="128" />
            <source>Key accounts (★) only</source>
            <translation>仅大客户 (★)</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="147" />
            <source>Level</source>
            <translation>会员等级</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="147" />
            <source>Lifecycle</source>
            <translation>生命周期</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="389" />
            <source>No customer matches these filters.</source>
            <translation>没有符合这些筛选条件的客户。</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="403" />
            <source>None of them is in the audience yet.</source>
            <translation>他们都还不在活动名单中。</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="146" />
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="191" />
            <source>Post</source>
            <translation>邮寄</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="148" />
            <source>RFM segment</source>
            <translation>RFM 细分</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="146" />
            <source>Tag</source>
            <translation>标签</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="387" />
            <source>There are no customers yet: add or import them first.</source>
            <translation>还没有客户：请先添加或导入客户。</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="149" />
            <source>Vehicle use</source>
            <translation>车辆用途</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="99" />
            <source>Who</source>
            <translation>邀请对象</translation>
        </message>
    </context>
    <context>
        <name>AuditView</name>
        <message numerus="yes">
            <location filename="../../app/ui/audit_view.py" line="488" />
            <source>%n row(s)</source>
            <translation>
                <numerusform>%n 行</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="103" />
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="81" />
            <source>Activities</source>
            <translation>跟进记录</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="80" />
            <source>Activity</source>
            <translation>跟进记录</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="344" />
            <source>Any action</source>
            <translation>任意操作</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="349" />
            <source>Any record</source>
            <translation>任意记录</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="341" />
            <source>Anyone</source>
            <translation>任何人</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="93" />
            <location filename="../../app/ui/audit_view.py" line="501" />
            <source>Audit log</source>
            <translation>审计日志</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="91" />
            <source>Campaign</source>
            <translation>营销活动</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="60" />
            <source>Changed</source>
            <translation>已修改</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="82" />
            <source>Contact person</source>
            <translation>联系人</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="83" />
            <source>Contact persons</source>
            <translation>联系人</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="59" />
            <source>Created</source>
            <translation>新建</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="74" />
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="75" />
            <source>Customers</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="76" />
            <source>Deal</source>
            <translation>商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="77" />
            <source>Deals</source>
            <translation>商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="61" />
            <source>Deleted</source>
            <translation>已删除</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="67" />
            <source>Erased</source>
            <translation>已抹除</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="493" />
            <source>Export the audit log</source>
            <translation>导出审计日志</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="65" />
            <source>Exported</source>
            <translation>已导出</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="517" />
            <source>Exporting the audit log…</source>
            <translation>正在导出审计日志…</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="360" />
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="106" />
            <source>Field</source>
            <translation>字段</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="350" />
            <source>From</source>
            <translation>从</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="105" />
            <source>Id</source>
            <translation>ID</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="92" />
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="66" />
            <source>Imported</source>
            <translation>已导入</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="63" />
            <source>Merged</source>
            <translation>已合并</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="94" />
            <source>Monthly workbook</source>
            <translation>月度工作簿</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="108" />
            <source>New</source>
            <translation>新值</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="109" />
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="107" />
            <source>Old</source>
            <translation>旧值</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="365" />
            <source>Only managers and administrators read the audit log.</source>
            <translation>只有经理和管理员可以查看审计日志。</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="86" />
            <source>Orders</source>
            <translation>订单</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="87" />
            <source>Payments</source>
            <translation>付款</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="90" />
            <source>Pipeline stage</source>
            <translation>商机阶段</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="64" />
            <source>Reassigned</source>
            <translation>已转交</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="104" />
            <source>Record</source>
            <translation>记录</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="62" />
            <source>Restored</source>
            <translation>已恢复</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="95" />
            <source>Sales target</source>
            <translation>销售目标</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="89" />
            <source>Setting</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="68" />
            <source>Sign-in</source>
            <translation>登录</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="78" />
            <source>Task</source>
            <translation>待办事项</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="79" />
            <source>Tasks</source>
            <translation>待办</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="358" />
            <source>Text in field, values or note</source>
            <translation>字段、值或备注中的文字</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="88" />
            <source>User</source>
            <translation>用户</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="84" />
            <source>Vehicle</source>
            <translation>车辆</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="85" />
            <source>Vehicles</source>
            <translation>车辆</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="101" />
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="102" />
            <source>Who</source>
            <translation>操作人</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="353" />
            <source>to</source>
            <translation>至</translation>
        </message>
    </context>
    <context>
        <name>BoardColumn</name>
        <message numerus="yes">
            <location filename="../../app/ui/pipeline_board.py" line="149" />
            <source>%n deal(s)</source>
            <translation>
                <numerusform>%n 个商机</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pipeline_board.py" line="154" />
            <source>Amount %1
Weighted %2</source>
            <translation>金额 %1
加权 %2</translation>
        </message>
        <message>
            <location filename="../../app/ui/pipeline_board.py" line="116" />
            <source>Collapse or expand this column</source>
            <translation>折叠或展开此列</translation>
        </message>
        <message>
            <location filename="../../app/ui/pipeline_board.py" line="159" />
            <source>Total amount %1, weighted by probability %2</source>
            <translation>总金额 %1，按概率加权 %2</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pipeline_board.py" line="151" />
            <source>closed in the last %n day(s)</source>
            <translation>
                <numerusform>最近 %n 天内关闭</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CampaignAudienceDialog</name>
        <message>
            <location filename="../../app/ui/campaign_audience_dialog.py" line="159" />
            <source>%1 were on its list already</source>
            <translation>%1 位已在名单中</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/campaign_audience_dialog.py" line="157" />
            <source>%n customer(s) added to the campaign</source>
            <translation>
                <numerusform>已将 %n 位客户加入活动名单</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/campaign_audience_dialog.py" line="102" />
            <source>%n on the list</source>
            <translation>
                <numerusform>名单中 %n 位</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_audience_dialog.py" line="79" />
            <source>Add to the campaign</source>
            <translation>加入活动名单</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_audience_dialog.py" line="145" />
            <source>Adding customers to the campaign…</source>
            <translation>正在把客户加入活动名单…</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_audience_dialog.py" line="51" />
            <source>Choose audience</source>
            <translation>选择活动对象</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_audience_dialog.py" line="98" />
            <source>Choose the audience of %1</source>
            <translation>选择“%1”的活动对象</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_audience_dialog.py" line="85" />
            <source>This database or your role allows no changes</source>
            <translation>此数据库或您的角色不允许修改</translation>
        </message>
    </context>
    <context>
        <name>CampaignMembersDialog</name>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="104" />
            <source>%1 invited, %2 responded</source>
            <translation>已邀请 %1 位，%2 位已回应</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="76" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="57" />
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="46" />
            <source>Invited to %1</source>
            <translation>%1 的受邀客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="69" />
            <source>No answer</source>
            <translation>未回应</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="57" />
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="57" />
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="57" />
            <source>Response</source>
            <translation>回应</translation>
        </message>
    </context>
    <context>
        <name>CampaignsTab</name>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="79" />
            <source>Add customers to the selected campaign's list, chosen by place, tag, segment, level or vehicle use</source>
            <translation>按地区、标签、细分、会员等级或车辆用途挑选客户，加入所选活动的名单</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="105" />
            <location filename="../../app/ui/campaigns_tab.py" line="121" />
            <source>Buyers</source>
            <translation>购买客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="99" />
            <source>Campaign</source>
            <translation>营销活动</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="76" />
            <source>Choose audience…</source>
            <translation>选择活动对象…</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="107" />
            <source>Cost</source>
            <translation>成本</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="121" />
            <source>Customers</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="115" />
            <source>Customers acquired in the period, by lead source</source>
            <translation>本期新增客户（按来源）</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="113" />
            <source>Double-click a campaign for its invited customers</source>
            <translation>双击营销活动查看受邀客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="102" />
            <source>Invited</source>
            <translation>已邀请</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="100" />
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="121" />
            <source>Lead source</source>
            <translation>客户来源</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="86" />
            <source>New campaign…</source>
            <translation>新建营销活动…</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="104" />
            <source>New customers</source>
            <translation>新客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="69" />
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="103" />
            <source>Responded</source>
            <translation>已回应</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="106" />
            <location filename="../../app/ui/campaigns_tab.py" line="121" />
            <source>Revenue</source>
            <translation>收入</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="108" />
            <source>Revenue per cost</source>
            <translation>投入产出比</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/campaigns_tab.py" line="161" />
            <source>Revenue: orders of invited customers and of customers the campaign brought in, from its first day to %n day(s) after its last.</source>
            <translation>
                <numerusform>收入：受邀客户及由活动带来的新客户的订单，从活动首日起到活动结束后 %n 天为止。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="65" />
            <source>Started from</source>
            <translation>开始日期从</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="101" />
            <source>Starts</source>
            <translation>开始</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="67" />
            <source>to</source>
            <translation>至</translation>
        </message>
    </context>
    <context>
        <name>CardDelegate</name>
        <message numerus="yes">
            <location filename="../../app/ui/models/deal_column.py" line="265" />
            <source>%n d</source>
            <comment>days in the stage</comment>
            <translation>
                <numerusform>%n 天</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CasesPage</name>
        <message numerus="yes">
            <location filename="../../app/ui/pages/cases.py" line="201" />
            <source>%n case(s)</source>
            <translation>
                <numerusform>%n 个投诉案件</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="69" />
            <source>All</source>
            <translation>全部</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="92" />
            <source>Case</source>
            <translation>投诉案件</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="134" />
            <source>Cases</source>
            <translation>投诉处理</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="91" />
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="94" />
            <source>Due</source>
            <translation>到期</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="77" />
            <source>Everyone's</source>
            <translation>所有人的</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="271" />
            <source>Export cases</source>
            <translation>导出投诉案件</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="126" />
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="119" />
            <source>Give to…</source>
            <translation>转交给…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="67" />
            <source>In progress</source>
            <translation>处理中</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="76" />
            <source>My cases</source>
            <translation>我的案件</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="64" />
            <source>Not resolved</source>
            <translation>未解决</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="66" />
            <source>Open</source>
            <translation>打开</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="90" />
            <source>Opened</source>
            <translation>受理日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="65" />
            <source>Overdue</source>
            <translation>已逾期</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="93" />
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="68" />
            <source>Resolved</source>
            <translation>已解决</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="115" />
            <source>Resolve…</source>
            <translation>解决…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="96" />
            <source>Satisfaction</source>
            <translation>满意度</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="111" />
            <source>Start work</source>
            <translation>开始处理</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="95" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="60" />
            <source>Status:</source>
            <translation>状态：</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="271" />
            <source>cases</source>
            <translation>投诉案件</translation>
        </message>
    </context>
    <context>
        <name>ChartView</name>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="104" />
            <source>PNG images (*.png)</source>
            <translation>PNG 图片 (*.png)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="104" />
            <source>Save chart</source>
            <translation>保存图表</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="99" />
            <source>Save chart as PNG…</source>
            <translation>将图表保存为 PNG…</translation>
        </message>
    </context>
    <context>
        <name>ConflictBox</name>
        <message>
            <location filename="../../app/ui/conflict_box.py" line="30" />
            <source>Keep mine</source>
            <translation>保留我的</translation>
        </message>
        <message>
            <location filename="../../app/ui/conflict_box.py" line="28" />
            <source>Reload theirs</source>
            <translation>载入对方的</translation>
        </message>
        <message>
            <location filename="../../app/ui/conflict_box.py" line="23" />
            <source>Reload theirs: show their version; your changes are discarded.
Keep mine: save your version over theirs.</source>
            <translation>载入对方的：显示对方保存的版本，您的修改将被放弃。
保留我的：用您的版本覆盖对方的版本。</translation>
        </message>
        <message>
            <location filename="../../app/ui/conflict_box.py" line="20" />
            <source>Saved elsewhere</source>
            <translation>已在别处保存</translation>
        </message>
    </context>
    <context>
        <name>ConsentDialog</name>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="104" />
            <source>By</source>
            <translation>记录人</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="104" />
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="104" />
            <source>Consent</source>
            <translation>同意</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="97" />
            <source>Consent history</source>
            <translation>同意记录</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="111" />
            <source>Given</source>
            <translation>已同意</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="122" />
            <source>No consent was given or withdrawn yet.</source>
            <translation>尚未记录任何同意或撤回。</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="104" />
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="111" />
            <source>Withdrawn</source>
            <translation>已撤回</translation>
        </message>
    </context>
    <context>
        <name>ContractsDialog</name>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="161" />
            <location filename="../../app/ui/contracts_dialog.py" line="262" />
            <source>Add contract</source>
            <translation>添加合同</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="94" />
            <location filename="../../app/ui/contracts_dialog.py" line="151" />
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="50" />
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="49" />
            <source>Completed</source>
            <translation>已完成</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="237" />
            <source>Contract %1</source>
            <translation>合同 %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="339" />
            <source>Contract %1 added.</source>
            <translation>已添加合同 %1。</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="342" />
            <source>Contract %1 saved.</source>
            <translation>合同 %1 已保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="85" />
            <source>Contracts: %1</source>
            <translation>合同：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="138" />
            <source>Dates</source>
            <translation>日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="95" />
            <source>Delivered</source>
            <translation>已交付</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="107" />
            <source>Double-click a contract to change it</source>
            <translation>双击合同进行修改</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="46" />
            <source>Draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="93" />
            <source>Ends</source>
            <translation>到期日</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="133" />
            <source>From</source>
            <translation>从</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="48" />
            <source>In force</source>
            <translation>执行中</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="96" />
            <source>Invoiced</source>
            <translation>已开票</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="110" />
            <location filename="../../app/ui/contracts_dialog.py" line="166" />
            <location filename="../../app/ui/contracts_dialog.py" line="261" />
            <source>New contract</source>
            <translation>新建合同</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="288" />
            <source>Not saved: someone else saved this contract meanwhile.</source>
            <translation>未保存：其他人已先保存了此合同。</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="155" />
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="90" />
            <location filename="../../app/ui/contracts_dialog.py" line="124" />
            <source>Number</source>
            <translation>编号</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="254" />
            <source>Save contract</source>
            <translation>保存合同</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="299" />
            <source>Showing their version.</source>
            <translation>正在显示对方的版本。</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="47" />
            <source>Signed</source>
            <translation>已签订</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="126" />
            <source>Signed on</source>
            <translation>签订日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="308" />
            <source>Someone else saved this contract meanwhile.</source>
            <translation>其他人已先保存了此合同。</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="92" />
            <location filename="../../app/ui/contracts_dialog.py" line="148" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="91" />
            <location filename="../../app/ui/contracts_dialog.py" line="122" />
            <source>Title</source>
            <translation>合同名称</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="135" />
            <source>to</source>
            <translation>至</translation>
        </message>
    </context>
    <context>
        <name>CreditSettingsTab</name>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="66" />
            <source> days</source>
            <translation> 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="72" />
            <source>Credit limit</source>
            <translation>信用额度</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="67" />
            <source>Credit term</source>
            <translation>信用期限</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="55" />
            <source>For customers whose own credit terms are empty. An order is due on its date plus the credit term.</source>
            <translation>适用于本身没有填写信用条件的客户。订单的到期日为订单日期加上信用期限。</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="79" />
            <source>Payment terms</source>
            <translation>付款条件</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="91" />
            <source>Refuse such orders</source>
            <translation>拒绝此类订单</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="123" />
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="82" />
            <source>Saving an order over the customer's credit limit, or for a customer more than 30 days overdue, shows a warning with the figures; the office may refuse such orders instead.</source>
            <translation>保存超出客户信用额度的订单，或为逾期超过 30 天的客户保存订单时，会显示附有金额的提醒；本店也可以改为拒绝此类订单。</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="75" />
            <source>Statement day of the month</source>
            <translation>每月结帐日</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="70" />
            <source>no limit</source>
            <translation>不限额</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="74" />
            <source>none</source>
            <translation>无</translation>
        </message>
    </context>
    <context>
        <name>CustomerCreditDialog</name>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="241" />
            <source>%1 overdue; the oldest unpaid order is %2 days past due.</source>
            <translation>已逾期 %1；最早的未付订单已逾期 %2 天。</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="175" />
            <source>1–30 days</source>
            <translation>1–30 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="176" />
            <source>31–60 days</source>
            <translation>31–60 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="177" />
            <source>61–90 days</source>
            <translation>61–90 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="162" />
            <source>Credit limit</source>
            <translation>信用额度</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="163" />
            <source>Credit term (days)</source>
            <translation>信用期限（天）</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="147" />
            <source>Credit: %1</source>
            <translation>信用：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="174" />
            <source>Not yet due</source>
            <translation>未到期</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="246" />
            <source>Nothing is overdue.</source>
            <translation>没有逾期款项。</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="178" />
            <source>Over 90 days</source>
            <translation>90 天以上</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="168" />
            <source>Owed by days past due</source>
            <translation>按逾期天数划分的欠款</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="165" />
            <source>Payment terms</source>
            <translation>付款条件</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="164" />
            <source>Statement day of the month</source>
            <translation>每月结帐日</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="230" />
            <location filename="../../app/ui/credit_settings.py" line="235" />
            <source>office: %1</source>
            <translation>本店默认：%1</translation>
        </message>
    </context>
    <context>
        <name>CustomerForm</name>
        <message>
            <location filename="../../app/ui/customer_form.py" line="808" />
            <source>%1 logged.</source>
            <translation>已记录%1。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="332" />
            <source>%1[*] — Customer</source>
            <translation>%1[*] — 客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="309" />
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="288" />
            <source>Birthday</source>
            <translation>生日</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="299" />
            <source>Brand</source>
            <translation>品牌</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="241" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="581" />
            <source>Created %1</source>
            <translation>创建于 %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="309" />
            <source>Deal</source>
            <translation>商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="275" />
            <source>Deals</source>
            <translation>商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="320" />
            <source>Due</source>
            <translation>到期</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="287" />
            <source>Email</source>
            <translation>电子邮件</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="290" />
            <source>Fill in at least the name, then save with %1.</source>
            <translation>至少填写姓名，然后按 %1 保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="280" />
            <source>History</source>
            <translation>修改历史</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="864" />
            <source>If you don't save, your changes are lost.</source>
            <translation>如果不保存，您的修改将会丢失。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="279" />
            <source>Key account</source>
            <translation>大客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="612" />
            <source>Key score %1</source>
            <translation>大客户评分 %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="583" />
            <source>Last visit %1</source>
            <translation>最近到访 %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="378" />
            <location filename="../../app/ui/customer_form.py" line="427" />
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="656" />
            <source>Looking for duplicates…</source>
            <translation>正在查找重复客户…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="286" />
            <source>Mobile</source>
            <translation>手机</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="299" />
            <source>Model</source>
            <translation>车型</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="282" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="299" />
            <source>Nature</source>
            <translation>车辆性质</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="288" />
            <location filename="../../app/ui/customer_form.py" line="331" />
            <source>New customer</source>
            <translation>新建客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="205" />
            <source>New deal…</source>
            <translation>新建商机…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="290" />
            <source>No contact persons recorded.</source>
            <translation>尚未记录联系人。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="310" />
            <source>No deals with this customer.</source>
            <translation>该客户没有商机。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="321" />
            <source>No tasks for this customer.</source>
            <translation>该客户没有待办事项。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="300" />
            <source>No vehicles recorded.</source>
            <translation>尚未记录车辆。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="675" />
            <location filename="../../app/ui/customer_form.py" line="725" />
            <source>Not saved.</source>
            <translation>未保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="735" />
            <source>Not saved: please correct the marked field.</source>
            <translation>未保存：请更正标出的字段。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="769" />
            <source>Not saved: someone deleted this customer meanwhile.</source>
            <translation>未保存：在此期间有人删除了该客户。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="751" />
            <source>Not saved: someone else saved this customer meanwhile.</source>
            <translation>未保存：在此期间其他人保存了该客户。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="586" />
            <source>Owed: %1</source>
            <translation>欠款：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="580" />
            <source>Owner: %1</source>
            <translation>负责人：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="271" />
            <source>People</source>
            <translation>联系人</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="285" />
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="299" />
            <source>Plate</source>
            <translation>车牌</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="270" />
            <source>Profile</source>
            <translation>基本信息</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="274" />
            <source>Purchases &amp;&amp; payments</source>
            <translation>购买与付款</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="283" />
            <source>Role in buying</source>
            <translation>采购角色</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="235" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="237" />
            <source>Save (%1)</source>
            <translation>保存 (%1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="863" />
            <source>Save the changes to %1?</source>
            <translation>是否保存对%1的修改？</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="298" />
            <source>Save the new customer first</source>
            <translation>请先保存新客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="712" />
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="681" />
            <location filename="../../app/ui/customer_form.py" line="693" />
            <location filename="../../app/ui/customer_form.py" line="780" />
            <source>Saving…</source>
            <translation>正在保存…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="277" />
            <source>Service</source>
            <translation>服务</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="746" />
            <source>Showing their version.</source>
            <translation>正在显示对方的版本。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="892" />
            <source>Someone else saved this customer meanwhile.</source>
            <translation>在此期间其他人保存了该客户。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="309" />
            <source>Stage</source>
            <translation>阶段</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="309" />
            <location filename="../../app/ui/customer_form_tabs.py" line="320" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="320" />
            <source>Task</source>
            <translation>待办事项</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="276" />
            <source>Tasks</source>
            <translation>待办</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="278" />
            <source>Team</source>
            <translation>客户小组</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="573" />
            <source>The customer file could not be loaded.</source>
            <translation>无法加载客户档案。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="176" />
            <source>This customer was deleted. Restore it from the customer list to edit.</source>
            <translation>该客户已被删除。请从客户列表中恢复后再编辑。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="273" />
            <source>Timeline</source>
            <translation>跟踪记录</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="284" />
            <source>Title</source>
            <translation>职务</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="861" />
            <source>Unsaved changes</source>
            <translation>未保存的修改</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="299" />
            <source>Use</source>
            <translation>用途</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="272" />
            <source>Vehicles</source>
            <translation>车辆</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="584" />
            <source>Visits in 90 days: %1</source>
            <translation>90 天内到访：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="862" />
            <source>the new customer</source>
            <translation>新客户</translation>
        </message>
    </context>
    <context>
        <name>CustomerTableModel</name>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="73" />
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="67" />
            <source>City</source>
            <translation>城市</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="76" />
            <source>Class</source>
            <translation>分类</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="74" />
            <source>Created</source>
            <translation>创建日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="68" />
            <source>District</source>
            <translation>区县</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="66" />
            <source>Email</source>
            <translation>电子邮件</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="78" />
            <source>Key score</source>
            <translation>大客户评分</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="64" />
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="72" />
            <source>Level</source>
            <translation>会员等级</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="71" />
            <source>Lifecycle</source>
            <translation>生命周期</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="63" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="62" />
            <source>Number</source>
            <translation>编号</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="69" />
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="65" />
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="75" />
            <source>Plates</source>
            <translation>车牌</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="77" />
            <source>RFM segment</source>
            <translation>RFM 细分</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="70" />
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="79" />
            <source>Tier</source>
            <translation>层级</translation>
        </message>
    </context>
    <context>
        <name>CustomersPage</name>
        <message numerus="yes">
            <location filename="../../app/ui/pages/customers.py" line="259" />
            <source>%n customer(s)</source>
            <translation>
                <numerusform>%n 位客户</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/customers.py" line="460" />
            <source>%n customer(s) exported to %1</source>
            <translation>
                <numerusform>已将 %n 位客户导出到 %1</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="429" />
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="123" />
            <source>All cities</source>
            <translation>所有城市</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="106" />
            <source>All owners</source>
            <translation>所有负责人</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="109" />
            <source>All tags</source>
            <translation>所有标签</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="139" />
            <source>Any RFM segment</source>
            <translation>任意 RFM 细分</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="134" />
            <source>Any class</source>
            <translation>任意分类</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="117" />
            <source>Any level</source>
            <translation>任意等级</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="112" />
            <source>Any stage</source>
            <translation>任意阶段</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="428" />
            <source>Birthday</source>
            <translation>生日</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="427" />
            <source>Card</source>
            <translation>会员卡</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="92" />
            <location filename="../../app/ui/pages/customers.py" line="431" />
            <source>Customers</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="399" />
            <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
            <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="458" />
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="397" />
            <source>Export customers</source>
            <translation>导出客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="449" />
            <source>Exporting customers…</source>
            <translation>正在导出客户…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="193" />
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="127" />
            <source>Has a vehicle</source>
            <translation>有车辆</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="201" />
            <source>Invite customers to an event, starting from these filters</source>
            <translation>按当前筛选条件邀请客户参加活动</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="198" />
            <source>Invite to event…</source>
            <translation>邀请参加活动…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="321" />
            <source>Merge these two customers…</source>
            <translation>合并这两位客户…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="100" />
            <source>Name, phone, plate, card…</source>
            <translation>姓名、电话、车牌、会员卡…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="172" />
            <source>New customer</source>
            <translation>新建客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="128" />
            <source>No vehicle</source>
            <translation>无车辆</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="318" />
            <source>Open</source>
            <translation>打开</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="129" />
            <source>Owes money</source>
            <translation>有欠款</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="426" />
            <source>Phone 2</source>
            <translation>电话 2</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="195" />
            <source>Save the customers shown, as filtered and sorted</source>
            <translation>按当前筛选和排序保存显示的客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="149" />
            <source>Show all</source>
            <translation>显示全部</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="126" />
            <source>With or without vehicle</source>
            <translation>有无车辆均可</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="398" />
            <source>customers</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="142" />
            <source>★ Key accounts</source>
            <translation>★ 大客户</translation>
        </message>
    </context>
    <context>
        <name>DatabaseSettingsTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/database_settings.py" line="185" />
            <source>%1 (%n day(s) ago) in %2</source>
            <translation>
                <numerusform>%1（%n 天前），位于 %2</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="290" />
            <source>%1 rows copied and counted on both sides.</source>
            <translation>已复制 %1 行，两边核对一致。</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="158" />
            <source>A PostgreSQL server</source>
            <translation>PostgreSQL 服务器</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="157" />
            <source>A file on a network drive, shared by several PCs</source>
            <translation>网络盘上的文件，多台电脑共享</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="156" />
            <source>A file on this PC</source>
            <translation>本机上的文件</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="108" />
            <source>Back up now</source>
            <translation>立即备份</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="240" />
            <source>Backed up and checked.</source>
            <translation>已备份并校验。</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="164" />
            <source>Backed up with the server's own tools.</source>
            <translation>使用服务器自带的工具备份。</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="232" />
            <source>Backing up…</source>
            <translation>正在备份…</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="192" />
            <source>Backup folder</source>
            <translation>备份文件夹</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="87" />
            <source>Backups</source>
            <translation>备份</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="93" />
            <source>Beside the database, in “backups”</source>
            <translation>数据库旁的“backups”文件夹</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="283" />
            <location filename="../../app/ui/database_settings.py" line="314" />
            <source>Cancelled; the server was left empty.</source>
            <translation>已取消，服务器保持为空。</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="94" />
            <source>Choose…</source>
            <translation>选择…</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="260" />
            <source>Connect to a server</source>
            <translation>连接服务器</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="69" />
            <source>Connect to a server…</source>
            <translation>连接服务器…</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="75" />
            <source>Copy everything into an empty PostgreSQL database and check every table; this file is only read</source>
            <translation>将全部数据复制到空的 PostgreSQL 数据库并核对每张表；本文件只读取不修改</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="276" />
            <source>Copying to the server…</source>
            <translation>正在复制到服务器…</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="103" />
            <source>Folder</source>
            <translation>文件夹</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="67" />
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="107" />
            <source>Last good backup</source>
            <translation>最近一次有效备份</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="66" />
            <source>Location</source>
            <translation>位置</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="269" />
            <source>Move this office to a server</source>
            <translation>将本办公室迁移到服务器</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="72" />
            <source>Move this office to a server…</source>
            <translation>将本办公室迁移到服务器…</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="295" />
            <source>Moved</source>
            <translation>已迁移</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="279" />
            <source>Moving the office to the server…</source>
            <translation>正在将办公室迁移到服务器…</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="246" />
            <source>No backup was made.</source>
            <translation>未进行备份。</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="182" />
            <source>None yet in %1</source>
            <translation>%1 中尚无备份</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="317" />
            <source>Nothing was moved.</source>
            <translation>未迁移任何数据。</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="97" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="212" />
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="254" />
            <source>Server address, e.g. postgresql+psycopg://clientela:password@server/office</source>
            <translation>服务器地址，例如 postgresql+psycopg://clientela:password@server/office</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="116" />
            <source>The first start of each day makes a copy; the last 14 days and one copy a month for a year are kept. A server is backed up with its own tools.</source>
            <translation>每天第一次启动时自动备份；保留最近 14 天的备份，以及一年内每月一份。服务器请使用其自带的工具备份。</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="297" />
            <source>The office's data is on the server. Open it now? Point the other PCs at the same address (Settings ▸ Database ▸ Connect to a server).</source>
            <translation>办公室的数据已在服务器上。现在打开吗？请让其他电脑连接同一地址（设置 ▸ 数据库 ▸ 连接服务器）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="57" />
            <source>This office's database</source>
            <translation>本办公室的数据库</translation>
        </message>
    </context>
    <context>
        <name>DealColumnModel</name>
        <message>
            <location filename="../../app/ui/models/deal_column.py" line="99" />
            <source>%1
%2
Amount %3 · weighted %4
Owner %5</source>
            <translation>%1
%2
金额 %3 · 加权 %4
负责人 %5</translation>
        </message>
    </context>
    <context>
        <name>DealForm</name>
        <message>
            <location filename="../../app/ui/deal_form.py" line="173" />
            <source>Activities</source>
            <translation>跟进记录</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="143" />
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="163" />
            <source>By</source>
            <translation>记录人</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="186" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="79" />
            <source>Deal</source>
            <translation>商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="145" />
            <source>Expected close</source>
            <translation>预计成交日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="174" />
            <source>History</source>
            <translation>修改历史</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="163" />
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="221" />
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="381" />
            <source>Not saved.</source>
            <translation>未保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="390" />
            <source>Not saved: please correct the marked field.</source>
            <translation>未保存：请更正标出的字段。</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="414" />
            <source>Not saved: someone else saved this deal meanwhile.</source>
            <translation>未保存：在此期间其他人保存了该商机。</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="147" />
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="90" />
            <source>Open customer</source>
            <translation>打开客户档案</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="249" />
            <source>Owner: {name}</source>
            <translation>负责人：{name}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="141" />
            <source>Pipeline</source>
            <translation>商机流程</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="144" />
            <source>Probability %</source>
            <translation>概率 %</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="146" />
            <source>Products</source>
            <translation>产品</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="182" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="372" />
            <source>Saved, and moved to pipeline %1, stage %2.</source>
            <translation>已保存，并移至销售流程 %1 的阶段 %2。</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="369" />
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="107" />
            <source>Saving moves the deal to this pipeline, in the stage matching its own</source>
            <translation>保存后商机将移至此销售流程中对应的阶段</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="363" />
            <location filename="../../app/ui/deal_form.py" line="411" />
            <source>Saving…</source>
            <translation>正在保存…</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="396" />
            <source>Showing their version.</source>
            <translation>正在显示对方的版本。</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="417" />
            <source>Someone else saved this deal meanwhile.</source>
            <translation>在此期间其他人保存了该商机。</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="246" />
            <source>Stage: {stage} ({p} %)</source>
            <translation>阶段：{stage}（{p} %）</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="239" />
            <source>This deal was deleted.</source>
            <translation>该商机已被删除。</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="142" />
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="163" />
            <source>What</source>
            <translation>内容</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="163" />
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="252" />
            <source>the stage's: {p}</source>
            <translation>阶段默认：{p}</translation>
        </message>
    </context>
    <context>
        <name>DeskCardWidget</name>
        <message>
            <location filename="../../app/ui/desk_card.py" line="119" />
            <source>%1 points</source>
            <translation>%1 积分</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="64" />
            <source>%n days ago</source>
            <translation>
                <numerusform>%n 天前</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="113" />
            <source>%n open complaints</source>
            <translation>
                <numerusform>%n 个未处理投诉</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="84" />
            <source>%n visits</source>
            <translation>
                <numerusform>%n 次到访</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="112" />
            <source>1 open complaint</source>
            <translation>1 个未处理投诉</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="83" />
            <source>1 visit</source>
            <translation>1 次到访</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="296" />
            <source>As the answers before</source>
            <translation>与之前的评分持平</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="294" />
            <source>Better than the answers before</source>
            <translation>比之前的评分好</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="204" />
            <source>Birthday</source>
            <translation>生日</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="105" />
            <source>Birthday in %n days</source>
            <translation>
                <numerusform>%n 天后生日</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="102" />
            <source>Birthday today!</source>
            <translation>今天生日！</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="104" />
            <source>Birthday tomorrow</source>
            <translation>明天生日</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="264" />
            <source>Card %1</source>
            <translation>会员卡 %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="206" />
            <source>Complaints</source>
            <translation>投诉</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="76" />
            <source>Every %n days</source>
            <translation>
                <numerusform>每 %n 天</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="75" />
            <source>Every day</source>
            <translation>每天</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="231" />
            <source>Last purchases</source>
            <translation>最近购买</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="210" />
            <source>Last satisfaction</source>
            <translation>最近满意度</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="203" />
            <source>Last visit</source>
            <translation>最近到访</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="129" />
            <source>No purchases yet</source>
            <translation>尚无购买</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="53" />
            <source>No visit yet</source>
            <translation>尚无到访</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="285" />
            <source>Nobody</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="81" />
            <location filename="../../app/ui/desk_card.py" line="90" />
            <source>None</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="110" />
            <source>None open</source>
            <translation>无未处理</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="118" />
            <source>Not a member</source>
            <translation>非会员</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="291" />
            <source>Not asked</source>
            <translation>未询问</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="70" />
            <source>Not known yet</source>
            <translation>暂不清楚</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="100" />
            <source>Not this week</source>
            <translation>本周没有</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="202" />
            <source>Owed</source>
            <translation>欠款</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="208" />
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="209" />
            <source>Points</source>
            <translation>积分</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="72" />
            <source>Several times a day</source>
            <translation>每天多次</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="58" />
            <source>Today, %1</source>
            <translation>今天 %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="205" />
            <source>Usual interval</source>
            <translation>通常间隔</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="201" />
            <source>Vehicles</source>
            <translation>车辆</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="207" />
            <source>Visits, last %1 days</source>
            <translation>最近 %1 天到访</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="295" />
            <source>Worse than the answers before</source>
            <translation>比之前的评分差</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="62" />
            <source>Yesterday</source>
            <translation>昨天</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="94" />
            <source>and %n more</source>
            <translation>
                <numerusform>还有 %n 项</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DuplicatesDialog</name>
        <message>
            <location filename="../../app/ui/customer_form.py" line="930" />
            <source>City</source>
            <translation>城市</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="957" />
            <source>Create anyway</source>
            <translation>仍然新建</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="930" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="930" />
            <source>Number</source>
            <translation>编号</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="953" />
            <source>Open that one</source>
            <translation>打开那位客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="915" />
            <source>Possible duplicates</source>
            <translation>可能重复的客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="930" />
            <source>Same</source>
            <translation>相同项</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="919" />
            <source>These customers look like the one you are creating. Is it one of them?</source>
            <translation>这些客户与您正在新建的客户相似。是其中之一吗？</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="934" />
            <source>email</source>
            <translation>电子邮件</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="933" />
            <source>phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="935" />
            <source>plate</source>
            <translation>车牌</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="936" />
            <source>similar name</source>
            <translation>相似姓名</translation>
        </message>
    </context>
    <context>
        <name>EraseDialog</name>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="77" />
            <source>Erase</source>
            <translation>抹除</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="54" />
            <source>Erase this person</source>
            <translation>抹除此人的资料</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="58" />
            <source>Erasing removes this person's name, phones, emails, addresses, birthday, identity numbers, plates, people and every note for good. Orders and payments stay as anonymous figures so reports stay true. This cannot be undone.

Type the customer number %1 to erase.</source>
            <translation>抹除将永久删除此人的姓名、电话、电子邮件、地址、生日、证件号码、车牌、联系人及所有备注。订单和付款作为匿名数据保留，以保证报表准确。此操作无法撤销。

请输入客户编号 %1 以确认抹除。</translation>
        </message>
    </context>
    <context>
        <name>ErrorHandler</name>
        <message>
            <location filename="../../app/ui/errors.py" line="171" />
            <source>%1

The details were written to %2.</source>
            <translation>%1

详细信息已写入 %2。</translation>
        </message>
        <message>
            <location filename="../../app/ui/errors.py" line="167" />
            <source>Clientela: unexpected error</source>
            <translation>Clientela：意外错误</translation>
        </message>
        <message>
            <location filename="../../app/ui/errors.py" line="179" />
            <source>Open log folder</source>
            <translation>打开日志文件夹</translation>
        </message>
        <message>
            <location filename="../../app/ui/errors.py" line="168" />
            <source>Something went wrong and the last action may not be complete.</source>
            <translation>出现问题，上一个操作可能没有完成。</translation>
        </message>
        <message>
            <location filename="../../app/ui/errors.py" line="169" />
            <source>the console</source>
            <translation>控制台</translation>
        </message>
    </context>
    <context>
        <name>ExportColumns</name>
        <message>
            <location filename="../../app/services/exports.py" line="110" />
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="159" />
            <location filename="../../app/services/exports.py" line="170" />
            <location filename="../../app/services/exports.py" line="180" />
            <location filename="../../app/services/exports.py" line="192" />
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="109" />
            <location filename="../../app/services/exports.py" line="132" />
            <source>Birthday</source>
            <translation>生日</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="140" />
            <source>Brand</source>
            <translation>品牌</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="108" />
            <source>Card</source>
            <translation>会员卡</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="49" />
            <location filename="../../app/services/exports.py" line="230" />
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="43" />
            <source>City</source>
            <translation>城市</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="55" />
            <source>Class</source>
            <translation>分类</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="197" />
            <source>Closed</source>
            <translation>关闭日期</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="228" />
            <source>Code</source>
            <translation>编码</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="145" />
            <source>Color</source>
            <translation>颜色</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="200" />
            <source>Competitor</source>
            <translation>竞争对手</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="171" />
            <location filename="../../app/services/exports.py" line="233" />
            <source>Cost</source>
            <translation>成本</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="50" />
            <location filename="../../app/services/exports.py" line="134" />
            <location filename="../../app/services/exports.py" line="149" />
            <location filename="../../app/services/exports.py" line="196" />
            <source>Created</source>
            <translation>创建时间</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="125" />
            <location filename="../../app/services/exports.py" line="138" />
            <location filename="../../app/services/exports.py" line="155" />
            <location filename="../../app/services/exports.py" line="167" />
            <location filename="../../app/services/exports.py" line="178" />
            <location filename="../../app/services/exports.py" line="188" />
            <location filename="../../app/services/exports.py" line="209" />
            <location filename="../../app/services/exports.py" line="220" />
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="124" />
            <location filename="../../app/services/exports.py" line="137" />
            <location filename="../../app/services/exports.py" line="154" />
            <location filename="../../app/services/exports.py" line="166" />
            <location filename="../../app/services/exports.py" line="177" />
            <location filename="../../app/services/exports.py" line="187" />
            <location filename="../../app/services/exports.py" line="208" />
            <location filename="../../app/services/exports.py" line="219" />
            <source>Customer number</source>
            <translation>客户编号</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="165" />
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="44" />
            <source>District</source>
            <translation>区县</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="211" />
            <source>Done</source>
            <translation>完成时间</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="172" />
            <location filename="../../app/services/exports.py" line="203" />
            <location filename="../../app/services/exports.py" line="218" />
            <source>Due</source>
            <translation>到期日</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="42" />
            <location filename="../../app/services/exports.py" line="131" />
            <source>Email</source>
            <translation>电子邮件</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="194" />
            <source>Expected close</source>
            <translation>预计成交日期</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="147" />
            <source>Fuel</source>
            <translation>燃油类型</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="57" />
            <source>Key score</source>
            <translation>大客户评分</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="40" />
            <location filename="../../app/services/exports.py" line="153" />
            <location filename="../../app/services/exports.py" line="205" />
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="48" />
            <source>Level</source>
            <translation>会员等级</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="47" />
            <source>Lifecycle</source>
            <translation>生命周期</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="232" />
            <source>List price</source>
            <translation>售价</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="199" />
            <source>Lost reason</source>
            <translation>丢单原因</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="181" />
            <source>Method</source>
            <translation>付款方式</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="130" />
            <source>Mobile</source>
            <translation>手机</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="141" />
            <source>Model</source>
            <translation>车型</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="39" />
            <location filename="../../app/services/exports.py" line="126" />
            <location filename="../../app/services/exports.py" line="229" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="143" />
            <source>Nature</source>
            <translation>车辆性质</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="212" />
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="173" />
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="38" />
            <location filename="../../app/services/exports.py" line="164" />
            <source>Number</source>
            <translation>编号</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="215" />
            <source>Opened</source>
            <translation>受理日期</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="179" />
            <source>Order</source>
            <translation>订单编号</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="161" />
            <source>Outcome</source>
            <translation>结果</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="45" />
            <location filename="../../app/services/exports.py" line="133" />
            <location filename="../../app/services/exports.py" line="148" />
            <location filename="../../app/services/exports.py" line="168" />
            <location filename="../../app/services/exports.py" line="195" />
            <location filename="../../app/services/exports.py" line="210" />
            <location filename="../../app/services/exports.py" line="221" />
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="176" />
            <source>Paid on</source>
            <translation>付款日期</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="41" />
            <location filename="../../app/services/exports.py" line="129" />
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="107" />
            <source>Phone 2</source>
            <translation>电话 2</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="189" />
            <source>Pipeline</source>
            <translation>商机流程</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="139" />
            <source>Plate</source>
            <translation>车牌</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="51" />
            <source>Plates</source>
            <translation>车牌</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="206" />
            <source>Priority</source>
            <translation>优先级</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="193" />
            <source>Probability</source>
            <translation>概率</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="56" />
            <source>RFM segment</source>
            <translation>RFM 细分</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="182" />
            <source>Reference</source>
            <translation>付款凭证号</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="223" />
            <source>Resolution</source>
            <translation>处理结果</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="224" />
            <source>Resolved</source>
            <translation>解决日期</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="127" />
            <source>Role</source>
            <translation>采购角色</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="156" />
            <location filename="../../app/services/exports.py" line="183" />
            <source>Salesperson</source>
            <translation>销售员</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="160" />
            <location filename="../../app/services/exports.py" line="225" />
            <source>Satisfaction</source>
            <translation>满意度</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="46" />
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="190" />
            <source>Stage</source>
            <translation>阶段</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="169" />
            <location filename="../../app/services/exports.py" line="191" />
            <location filename="../../app/services/exports.py" line="207" />
            <location filename="../../app/services/exports.py" line="217" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="234" />
            <source>Still sold</source>
            <translation>在售</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="157" />
            <source>Subject</source>
            <translation>主题</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="158" />
            <source>Text</source>
            <translation>内容</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="58" />
            <source>Tier</source>
            <translation>层级</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="128" />
            <location filename="../../app/services/exports.py" line="186" />
            <location filename="../../app/services/exports.py" line="204" />
            <location filename="../../app/services/exports.py" line="216" />
            <source>Title</source>
            <translation>标题/职务</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="231" />
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="142" />
            <source>Use</source>
            <translation>车辆用途</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="146" />
            <source>VIN</source>
            <translation>车架号 (VIN)</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="222" />
            <source>What happened</source>
            <translation>事情经过</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="152" />
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="198" />
            <source>Won amount</source>
            <translation>赢单金额</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="144" />
            <source>Year</source>
            <translation>年份</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="75" />
            <source>Days</source>
            <translation>日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="113" />
            <source>Days: the order date. Salesperson: the order's.</source>
            <translation>日期：订单日期。销售员：订单的销售员。</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="114" />
            <source>Days: the payment date. Salesperson: who recorded it.</source>
            <translation>日期：付款日期。销售员：记录付款的人。</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="112" />
            <source>Days: when it happened. Salesperson: who logged it.</source>
            <translation>日期：发生时间。销售员：记录人。</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="109" />
            <source>Days: when the customer was created. Salesperson: the owner.</source>
            <translation>日期：客户创建时间。销售员：负责人。</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="115" />
            <source>Days: when the deal was created. Salesperson: the owner.</source>
            <translation>日期：商机创建时间。销售员：负责人。</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="110" />
            <source>Days: when the person was added. Salesperson: the owner.</source>
            <translation>日期：联系人添加时间。销售员：负责人。</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="116" />
            <source>Days: when the task is due. Salesperson: the owner.</source>
            <translation>日期：待办到期时间。销售员：负责人。</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="111" />
            <source>Days: when the vehicle was added. Salesperson: the owner.</source>
            <translation>日期：车辆添加时间。销售员：负责人。</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="55" />
            <source>Everyone</source>
            <translation>所有人</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="43" />
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="41" />
            <source>Export data</source>
            <translation>导出数据</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="87" />
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="57" />
            <source>Only these days</source>
            <translation>仅限这些日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="56" />
            <source>Salesperson</source>
            <translation>销售员</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="52" />
            <source>Table</source>
            <translation>数据表</translation>
        </message>
    </context>
    <context>
        <name>ForecastView</name>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="250" />
            <source>(no owner)</source>
            <translation>（无负责人）</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="294" />
            <source>A competitor's offer</source>
            <translation>竞争对手的报价</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="266" />
            <location filename="../../app/ui/pages/pipeline.py" line="291" />
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="268" />
            <source>Average days in stage</source>
            <translation>平均停留天数</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="269" />
            <source>Conversion to next</source>
            <translation>转化到下一阶段</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="265" />
            <location filename="../../app/ui/pages/pipeline.py" line="291" />
            <source>Deals</source>
            <translation>商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="196" />
            <source>Last 12 months</source>
            <translation>最近 12 个月</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="194" />
            <source>Last 30 days</source>
            <translation>最近 30 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="195" />
            <source>Last 90 days</source>
            <translation>最近 90 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="205" />
            <source>Lost deals by reason</source>
            <translation>按原因统计丢单</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="296" />
            <source>No reason given</source>
            <translation>未填写原因</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="293" />
            <source>Our product or service</source>
            <translation>我方产品或服务</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="246" />
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="291" />
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="264" />
            <source>Stage</source>
            <translation>阶段</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="202" />
            <source>Stages: conversion to the next and days spent</source>
            <translation>各阶段：转化率与停留天数</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="295" />
            <source>The customer's own reasons</source>
            <translation>客户自身原因</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="246" />
            <location filename="../../app/ui/pages/pipeline.py" line="256" />
            <source>Total</source>
            <translation>合计</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="267" />
            <source>Weighted</source>
            <translation>加权</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="200" />
            <source>Weighted forecast by expected close month</source>
            <translation>按预计成交月份的加权预测</translation>
        </message>
    </context>
    <context>
        <name>FrontDeskPage</name>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="889" />
            <source>%1 is registered as a new customer</source>
            <translation>%1 已登记为新客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="703" />
            <source>%1 points redeemed for %2 · %3 left</source>
            <translation>%2 兑换了 %1 积分 · 剩余 %3</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="274" />
            <source>&amp;Amount</source>
            <translation>金额(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="343" />
            <source>&amp;Name</source>
            <translation>姓名(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="344" />
            <source>&amp;Phone</source>
            <translation>电话(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="790" />
            <source>+%1 points</source>
            <translation>+%1 积分</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="286" />
            <location filename="../../app/ui/pages/front_desk.py" line="377" />
            <source>Cancel (Esc)</source>
            <translation>取消 (Esc)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="379" />
            <source>Everything else can be added in the file (F2) later.</source>
            <translation>其他信息可稍后在客户档案 (F2) 中补充。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="167" />
            <source>Find a customer</source>
            <translation>查找客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="157" />
            <source>Front desk</source>
            <translation>前台</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="732" />
            <source>Log a visit for %1</source>
            <translation>为%1登记到访</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="309" />
            <source>Log visit (Enter)</source>
            <translation>登记到访 (Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="195" />
            <source>More customers match: keep typing.</source>
            <translation>匹配的客户较多：请继续输入。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="280" />
            <source>N&amp;ote</source>
            <translation>备注(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="169" />
            <source>New walk-in (Ctrl+N)</source>
            <translation>新到店客户 (Ctrl+N)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="332" />
            <source>New walk-in customer</source>
            <translation>新到店客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="214" />
            <source>No customer found — press Ctrl+N to register a walk-in</source>
            <translation>未找到客户 — 按 Ctrl+N 登记到店客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="312" />
            <source>Open file (F2)</source>
            <translation>打开档案 (F2)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="189" />
            <source>Other customers found</source>
            <translation>找到的其他客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="345" />
            <source>P&amp;late</source>
            <translation>车牌(&amp;L)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="165" />
            <source>Phone digits, plate, card or name…</source>
            <translation>电话号码、车牌、会员卡或姓名…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="315" />
            <source>Redeem points (F4)</source>
            <translation>积分兑换 (F4)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="374" />
            <source>Register (Enter)</source>
            <translation>登记 (Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="285" />
            <source>Save (Enter)</source>
            <translation>保存 (Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="208" />
            <source>Type phone digits, a licence plate, a card number or a name.
Enter logs a visit · F2 opens the file · Ctrl+N registers a walk-in.</source>
            <translation>输入电话号码、车牌号、会员卡号或姓名。
Enter 登记到访 · F2 打开档案 · Ctrl+N 登记到店客户。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="786" />
            <source>Visit logged for %1</source>
            <translation>已为%1登记到访</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="283" />
            <location filename="../../app/ui/pages/front_desk.py" line="344" />
            <source>optional</source>
            <translation>可选</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="277" />
            <source>optional, e.g. 88.50</source>
            <translation>可选，例如 88.50</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="345" />
            <source>optional, e.g. 粤B·12345</source>
            <translation>可选，例如 粤B·12345</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="343" />
            <source>required</source>
            <translation>必填</translation>
        </message>
    </context>
    <context>
        <name>HistoryTab</name>
        <message>
            <location filename="../../app/ui/audit_view.py" line="293" />
            <source>No changes recorded yet.</source>
            <translation>尚无修改记录。</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="350" />
            <source>%1 (hidden)</source>
            <translation>%1（隐藏）</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/import_dialog.py" line="363" />
            <source>%1 · %n row(s) of data</source>
            <translation>
                <numerusform>%1 · %n 行数据</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="456" />
            <source>(guessed from the headers)</source>
            <translation>（根据表头推测）</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="420" />
            <source>(ignore)</source>
            <translation>（忽略）</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="251" />
            <source>A customer already there (same number, phone, email or plate)</source>
            <translation>客户已存在（编号、电话、电子邮件或车牌相同）</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="77" />
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="628" />
            <source>All errors are listed in %1</source>
            <translation>所有错误已列在 %1 中</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="308" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="604" />
            <source>Already there: %1</source>
            <translation>已存在：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="88" />
            <source>Birthday</source>
            <translation>生日</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="640" />
            <source>Cancelled; nothing was written.</source>
            <translation>已取消，未写入任何数据。</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="86" />
            <source>Card</source>
            <translation>会员卡</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="84" />
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="284" />
            <source>Check</source>
            <translation>检查</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="286" />
            <source>Check every row without importing</source>
            <translation>检查每一行但不导入</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="587" />
            <source>Checked, nothing written: %1.</source>
            <translation>已检查，未写入：%1。</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="582" />
            <source>Checked, nothing written: %1. The rows with errors would stop the import unless invalid rows are skipped.</source>
            <translation>已检查，未写入：%1。除非跳过无效行，否则有错误的行会中止导入。</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="558" />
            <source>Checking %1…</source>
            <translation>正在检查 %1…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="535" />
            <source>Checking the rows…</source>
            <translation>正在检查各行…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="525" />
            <source>Choose a file first.</source>
            <translation>请先选择文件。</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="187" />
            <source>Choose an Excel or CSV file…</source>
            <translation>选择 Excel 或 CSV 文件…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="188" />
            <source>Choose…</source>
            <translation>选择…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="79" />
            <source>City</source>
            <translation>城市</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="292" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="411" />
            <source>Column in the file</source>
            <translation>文件中的列</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="223" />
            <source>Columns and fields</source>
            <translation>列与字段</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="72" />
            <source>Company</source>
            <translation>公司</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="97" />
            <source>Contact email</source>
            <translation>联系人电子邮件</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="95" />
            <source>Contact person</source>
            <translation>联系人</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="96" />
            <source>Contact phone</source>
            <translation>联系人电话</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="98" />
            <source>Contact title</source>
            <translation>联系人职务</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="259" />
            <source>Create another</source>
            <translation>另建一个</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="68" />
            <source>Customer number</source>
            <translation>客户编号</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="80" />
            <source>District</source>
            <translation>区县</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="538" />
            <source>Done</source>
            <translation>完成</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="76" />
            <source>Email</source>
            <translation>电子邮件</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="193" />
            <source>File:</source>
            <translation>文件：</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="70" />
            <source>First name</source>
            <translation>名</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="413" />
            <source>First value</source>
            <translation>第一个值</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="412" />
            <source>Goes into</source>
            <translation>导入到</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="288" />
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="163" />
            <location filename="../../app/ui/import_dialog.py" line="304" />
            <source>Import customers</source>
            <translation>导入客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="268" />
            <source>Import the valid rows, skip invalid ones</source>
            <translation>导入有效行，跳过无效行</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="589" />
            <source>Imported: %1.</source>
            <translation>已导入：%1。</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="558" />
            <source>Importing %1…</source>
            <translation>正在导入 %1…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="85" />
            <source>Industry</source>
            <translation>行业</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="71" />
            <source>Last name</source>
            <translation>姓</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="87" />
            <source>Level</source>
            <translation>会员等级</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="503" />
            <source>Mapping “%1” saved.</source>
            <translation>映射“%1”已保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="69" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="481" />
            <source>Name of the mapping:</source>
            <translation>映射名称：</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="90" />
            <source>Nationality</source>
            <translation>国籍</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="93" />
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/import_dialog.py" line="591" />
            <source>Nothing imported: %n row(s) have errors.</source>
            <translation>
                <numerusform>未导入任何数据：%n 行有错误。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="101" />
            <source>Order amount</source>
            <translation>订单金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="100" />
            <source>Order date</source>
            <translation>订单日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="102" />
            <source>Order notes</source>
            <translation>订单备注</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="99" />
            <source>Order number</source>
            <translation>订单编号</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="83" />
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="622" />
            <source>Owners who are no user here (kept in the notes): %1</source>
            <translation>不是本系统用户的负责人（已记入备注）：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="73" />
            <source>Person or company</source>
            <translation>个人或公司</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="74" />
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="75" />
            <source>Phone 2</source>
            <translation>电话 2</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="91" />
            <source>Place of origin</source>
            <translation>籍贯</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="94" />
            <source>Plates</source>
            <translation>车牌</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="78" />
            <source>Postcode</source>
            <translation>邮编</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="81" />
            <source>Province or state</source>
            <translation>省份</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="332" />
            <location filename="../../app/ui/import_dialog.py" line="336" />
            <source>Reading %1…</source>
            <translation>正在读取 %1…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="615" />
            <source>Row %1, %2: %3</source>
            <translation>第 %1 行，%2：%3</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="481" />
            <source>Save mapping</source>
            <translation>保存映射</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="229" />
            <source>Save mapping…</source>
            <translation>保存映射…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="232" />
            <source>Saved mappings:</source>
            <translation>已保存的映射：</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="211" />
            <source>Sheet:</source>
            <translation>工作表：</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="257" />
            <source>Skip the row</source>
            <translation>跳过该行</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="82" />
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="306" />
            <source>Spreadsheets and CSV (%1)</source>
            <translation>电子表格和 CSV (%1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="92" />
            <source>Tax ID</source>
            <translation>税号</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="204" />
            <source>The row that holds the column titles</source>
            <translation>包含列标题的行</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="89" />
            <source>Title</source>
            <translation>职务</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="258" />
            <source>Update the customer</source>
            <translation>更新该客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="537" />
            <source>Updating the search index…</source>
            <translation>正在更新搜索索引…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="271" />
            <source>Without this, one invalid row stops the import and nothing is written</source>
            <translation>不勾选时，只要有一行无效就会中止导入，不写入任何数据</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="536" />
            <source>Writing the customers…</source>
            <translation>正在写入客户…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="358" />
            <source>and %1 · </source>
            <translation>以及 %1 · </translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="575" />
            <source>created %1, updated %2, skipped %3, rejected %4</source>
            <translation>新建 %1，更新 %2，跳过 %3，拒绝 %4</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="595" />
            <source>customer number</source>
            <translation>客户编号</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="597" />
            <source>email</source>
            <translation>电子邮件</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="203" />
            <source>header on row </source>
            <translation>表头在第几行 </translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="596" />
            <source>phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="598" />
            <source>plate</source>
            <translation>车牌</translation>
        </message>
    </context>
    <context>
        <name>InvitationsDialog</name>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="370" />
            <source>%1 not invited yet · %2 already invited</source>
            <translation>%1 位尚未邀请 · %2 位已邀请</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="420" />
            <source>%1 were already invited</source>
            <translation>%1 位此前已被邀请</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/invitations_dialog.py" line="418" />
            <source>%n customer(s) added to the invitation list</source>
            <translation>
                <numerusform>已有 %n 位客户加入邀请名单</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/invitations_dialog.py" line="252" />
            <source>%n invited</source>
            <translation>
                <numerusform>已邀请 %n 位</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/invitations_dialog.py" line="486" />
            <source>%n invited customer(s) exported to %1</source>
            <translation>
                <numerusform>已将 %n 位受邀客户导出到 %1</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="365" />
            <source>All of them are already invited to this event.</source>
            <translation>他们都已被邀请参加此活动。</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="168" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="158" />
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="363" />
            <source>Choose or create an event to invite them.</source>
            <translation>请选择或新建一个活动来邀请他们。</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="171" />
            <source>Create event</source>
            <translation>新建活动</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="150" />
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="112" />
            <location filename="../../app/ui/invitations_dialog.py" line="121" />
            <source>Event</source>
            <translation>活动</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="440" />
            <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
            <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="484" />
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="189" />
            <source>Export list…</source>
            <translation>导出名单…</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="438" />
            <source>Export the invitation list</source>
            <translation>导出邀请名单</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="474" />
            <source>Exporting the invitation list…</source>
            <translation>正在导出邀请名单…</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="77" />
            <source>Invite to event</source>
            <translation>邀请参加活动</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="458" />
            <source>Invited</source>
            <translation>已邀请</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="184" />
            <source>Mark invited</source>
            <translation>标记为已邀请</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="407" />
            <source>Marking customers invited…</source>
            <translation>正在标记客户为已邀请…</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="141" />
            <location filename="../../app/ui/invitations_dialog.py" line="457" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="124" />
            <location filename="../../app/ui/invitations_dialog.py" line="230" />
            <source>New event…</source>
            <translation>新建活动…</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="223" />
            <source>No events yet</source>
            <translation>尚无活动</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="221" />
            <source>No events yet: create one</source>
            <translation>尚无活动：请新建一个</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="367" />
            <source>None of them is invited to this event yet.</source>
            <translation>他们都还没有被邀请参加此活动。</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="164" />
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="457" />
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="457" />
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="193" />
            <source>Save the event's invited customers (name, phone, owner)</source>
            <translation>保存该活动的受邀客户（姓名、电话、负责人）</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="389" />
            <source>This database or your role allows no changes</source>
            <translation>此数据库或您的角色不允许修改</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="138" />
            <source>e.g. Owners' open day</source>
            <translation>例如：车主开放日</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="435" />
            <source>invited</source>
            <translation>已邀请</translation>
        </message>
    </context>
    <context>
        <name>ItemRow</name>
        <message>
            <location filename="../../app/ui/today_view.py" line="171" />
            <source>1 day</source>
            <translation>1 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="171" />
            <source>1 week</source>
            <translation>1 周</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="157" />
            <source>Done</source>
            <translation>完成</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="162" />
            <source>Mark done</source>
            <translation>标记为完成</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="160" />
            <source>Mark done and note what came of it</source>
            <translation>标记为完成并记录结果</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="167" />
            <source>Snooze</source>
            <translation>稍后提醒</translation>
        </message>
    </context>
    <context>
        <name>KeyAccountTab</name>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="294" />
            <source>%1 moved, %2 won (%3), %4 lost</source>
            <translation>推进 %1 个，赢单 %2 个（%3），丢单 %4 个</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/key_account_tab.py" line="270" />
            <source>%1 of 5 (%n answer(s))</source>
            <translation>
                <numerusform>%1 / 5（%n 次回答）</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="286" />
            <source>%1 opened, %2 resolved, %3 still open</source>
            <translation>新增 %1 件，解决 %2 件，未结 %3 件</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="301" />
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="316" />
            <source>A manager writes the comment</source>
            <translation>评语由经理填写</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="146" />
            <source>Both cards of this month as a workbook, one sheet for this customer</source>
            <translation>将本月的两张卡片导出为工作簿，本客户一张工作表</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="187" />
            <source>Budget</source>
            <translation>预算</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="183" />
            <source>Buying method</source>
            <translation>购买方式</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="307" />
            <source>By %1, %2</source>
            <translation>%1，%2</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="188" />
            <source>Competitors</source>
            <translation>竞争对手</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="285" />
            <source>Complaints</source>
            <translation>投诉</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="283" />
            <source>Contacts</source>
            <translation>联系次数</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="293" />
            <source>Deals</source>
            <translation>商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="184" />
            <source>Decision process</source>
            <translation>决策程序</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="373" />
            <source>Excel (*.xlsx)</source>
            <translation>Excel (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="143" />
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="182" />
            <source>Goals and plans</source>
            <translation>目标与计划</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="278" />
            <source>Gross margin</source>
            <translation>毛利</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="225" />
            <source>Key account</source>
            <translation>大客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="385" />
            <source>Key account %1 %2.xlsx</source>
            <translation>大客户 %1 %2.xlsx</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="156" />
            <source>Manager's comment</source>
            <translation>经理评语</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="129" />
            <source>Month</source>
            <translation>月份</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="126" />
            <source>Monthly review card</source>
            <translation>客户月评卡</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="186" />
            <source>Needs</source>
            <translation>需求</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="189" />
            <source>Next steps</source>
            <translation>下一步</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="233" />
            <source>Not a key account (neither starred nor class A); the cards can be kept anyway.</source>
            <translation>不是大客户（未加星，也不是 A 类）；仍可填写卡片。</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="275" />
            <source>Orders</source>
            <translation>订单</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="115" />
            <source>Our team and counterparts</source>
            <translation>我方小组与对口人</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="282" />
            <source>Overdue at the month's end</source>
            <translation>月末逾期</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="243" />
            <source>Owner: %1</source>
            <translation>负责人：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="281" />
            <source>Payments received</source>
            <translation>回款</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="276" />
            <source>Sales less returns</source>
            <translation>销售额（扣除退货）</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="291" />
            <source>Satisfaction</source>
            <translation>满意度</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="167" />
            <source>Save the comment</source>
            <translation>保存评语</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="373" />
            <source>Save the key-account cards</source>
            <translation>保存大客户卡片</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="118" />
            <source>Save the strategy</source>
            <translation>保存策略</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="399" />
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="407" />
            <source>Saving the key-account cards…</source>
            <translation>正在保存大客户卡片…</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="97" />
            <source>Strategy card</source>
            <translation>客户策略卡</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="364" />
            <source>The comment was saved.</source>
            <translation>评语已保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="339" />
            <source>The strategy card was saved.</source>
            <translation>策略卡已保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="185" />
            <source>Volumes</source>
            <translation>采购量</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="229" />
            <source>class %1</source>
            <translation>%1 类</translation>
        </message>
    </context>
    <context>
        <name>LeadCampaignField</name>
        <message>
            <location filename="../../app/ui/lead_campaign.py" line="40" />
            <source>Campaign</source>
            <translation>营销活动</translation>
        </message>
        <message>
            <location filename="../../app/ui/lead_campaign.py" line="104" />
            <source>Campaign %1</source>
            <translation>营销活动 %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/lead_campaign.py" line="98" />
            <source>Not known</source>
            <translation>未知</translation>
        </message>
        <message>
            <location filename="../../app/ui/lead_campaign.py" line="51" />
            <source>The campaign that brought this customer in is kept as saved; another source clears it</source>
            <translation>带来此客户的营销活动按保存时保留；选择其他来源会清除它</translation>
        </message>
    </context>
    <context>
        <name>LostReasonDialog</name>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="112" />
            <source>A competitor's offer</source>
            <translation>竞争对手的报价</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="104" />
            <source>Deal lost</source>
            <translation>丢单</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="122" />
            <source>Details</source>
            <translation>详情</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="111" />
            <source>Our product or service</source>
            <translation>我方产品或服务</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="121" />
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="113" />
            <source>The customer's own reasons</source>
            <translation>客户自身原因</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="120" />
            <source>What happened, in a few words</source>
            <translation>简要说明发生了什么</translation>
        </message>
    </context>
    <context>
        <name>LoyaltySettingsTab</name>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="44" />
            <source> days</source>
            <translation> 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="87" />
            <source> months</source>
            <translation> 个月</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="46" />
            <source>A new case is due in</source>
            <translation>新投诉单的处理期限</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="39" />
            <source>Complaint cases</source>
            <translation>投诉案件</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="52" />
            <source>From a 12-month spend of</source>
            <translation>近 12 个月消费满</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="51" />
            <source>Level</source>
            <translation>会员等级</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="49" />
            <source>Membership levels and points</source>
            <translation>会员等级与积分</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="86" />
            <source>Never</source>
            <translation>永不过期</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="89" />
            <source>Points expire after</source>
            <translation>积分有效期</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="53" />
            <source>Points multiplier</source>
            <translation>积分倍数</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="82" />
            <source>Points per currency unit spent</source>
            <translation>每消费一元得积分</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../app/ui/main_window.py" line="623" />
            <source>%1 already exists. Use Open database… to open it.</source>
            <translation>%1 已存在。请使用“打开数据库…”打开它。</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="259" />
            <source>&amp;About Clientela</source>
            <translation>关于 Clientela(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="210" />
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="257" />
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="224" />
            <source>&amp;Import customers…</source>
            <translation>导入客户(&amp;I)…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="212" />
            <source>&amp;New database…</source>
            <translation>新建数据库(&amp;N)…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="216" />
            <source>&amp;Open database…</source>
            <translation>打开数据库(&amp;O)…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="236" />
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="243" />
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="639" />
            <source>(not found)</source>
            <translation>（未找到）</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="727" />
            <source>A customer relationship manager for small sales offices.</source>
            <translation>面向小型销售团队的客户关系管理软件。</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="724" />
            <source>About Clientela</source>
            <translation>关于 Clientela</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="588" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="716" />
            <source>Another PC is writing to the database; waiting…</source>
            <translation>另一台电脑正在写入数据库，请稍候…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="646" />
            <source>Clear list</source>
            <translation>清空列表</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="550" />
            <location filename="../../app/ui/main_window.py" line="621" />
            <location filename="../../app/ui/main_window.py" line="676" />
            <source>Clientela</source>
            <translation>Clientela</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="586" />
            <source>Clientela databases (%1)</source>
            <translation>Clientela 数据库 (%1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="687" />
            <source>Clientela — %1</source>
            <translation>Clientela — %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="232" />
            <source>E&amp;xport data…</source>
            <translation>导出数据(&amp;X)…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="227" />
            <source>Invite customers to an &amp;event…</source>
            <translation>邀请客户参加活动(&amp;E)…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="665" />
            <source>Local file</source>
            <translation>本地文件</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="168" />
            <source>Navigation</source>
            <translation>导航</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="603" />
            <source>New database</source>
            <translation>新建数据库</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="680" />
            <source>No database open</source>
            <translation>未打开数据库</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="710" />
            <source>Not signed in</source>
            <translation>未登录</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="220" />
            <source>Open &amp;recent</source>
            <translation>最近打开(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="557" />
            <source>Open another…</source>
            <translation>打开其他…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="594" />
            <source>Open database</source>
            <translation>打开数据库</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="531" />
            <location filename="../../app/ui/main_window.py" line="678" />
            <source>Opening %1…</source>
            <translation>正在打开 %1…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="560" />
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="186" />
            <source>Search</source>
            <translation>搜索</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="196" />
            <source>Search customers</source>
            <translation>搜索客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="193" />
            <source>Search customers: name, phone, plate, card…</source>
            <translation>搜索客户：姓名、电话、车牌、会员卡…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="667" />
            <source>Server</source>
            <translation>服务器</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="666" />
            <source>Shared drive</source>
            <translation>共享盘</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="279" />
            <source>Sign in…</source>
            <translation>登录…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="551" />
            <source>The database could not be opened.</source>
            <translation>无法打开数据库。</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="555" />
            <source>Try again</source>
            <translation>重试</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="707" />
            <source>Unknown user: %1</source>
            <translation>未知用户：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="670" />
            <source>read-only</source>
            <translation>只读</translation>
        </message>
    </context>
    <context>
        <name>MarginsTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/margins_tab.py" line="161" />
            <source>%n line(s)</source>
            <translation>
                <numerusform>%n 行</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="48" />
            <source>By customer</source>
            <translation>按客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="50" />
            <source>By order</source>
            <translation>按订单</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="49" />
            <source>By product</source>
            <translation>按产品</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="72" />
            <source>Cost</source>
            <translation>成本</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="60" />
            <source>From</source>
            <translation>从</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="73" />
            <source>Margin</source>
            <translation>毛利</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="74" />
            <source>Margin %</source>
            <translation>毛利率 %</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="69" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="68" />
            <source>Reference</source>
            <translation>编号</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="71" />
            <source>Returned</source>
            <translation>退货</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="70" />
            <source>Sales</source>
            <translation>销售</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="159" />
            <source>Total</source>
            <translation>合计</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="62" />
            <source>to</source>
            <translation>至</translation>
        </message>
    </context>
    <context>
        <name>MergeDialog</name>
        <message>
            <location filename="../../app/ui/merge_dialog.py" line="27" />
            <source>Everything of the other file — people, vehicles, activities, orders, payments, deals and tasks — moves to the file you keep. Which one stays?</source>
            <translation>另一份档案的全部内容（联系人、车辆、跟进记录、订单、付款、商机和待办）都会移到保留的档案中。保留哪一份？</translation>
        </message>
        <message>
            <location filename="../../app/ui/merge_dialog.py" line="43" />
            <source>Merge</source>
            <translation>合并</translation>
        </message>
        <message>
            <location filename="../../app/ui/merge_dialog.py" line="23" />
            <source>Merge customers</source>
            <translation>合并客户</translation>
        </message>
    </context>
    <context>
        <name>MoneyTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/customer_form_tabs.py" line="527" />
            <source>%1 (%n return(s))</source>
            <translation>
                <numerusform>%1（%n 次退货）</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="454" />
            <location filename="../../app/ui/customer_form_tabs.py" line="466" />
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="417" />
            <source>Contracts…</source>
            <translation>合同…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="426" />
            <source>Credit limit, term and payment terms, and what is owed by days past due</source>
            <translation>信用额度、信用期限和付款条件，以及按逾期天数划分的欠款</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="422" />
            <source>Credit…</source>
            <translation>信用…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="453" />
            <location filename="../../app/ui/customer_form_tabs.py" line="466" />
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="548" />
            <source>Last purchases: %1</source>
            <translation>最近购买：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="392" />
            <location filename="../../app/ui/customer_form_tabs.py" line="456" />
            <source>Margin</source>
            <translation>毛利</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="466" />
            <source>Method</source>
            <translation>方式</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="412" />
            <source>New order…</source>
            <translation>新建订单…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="458" />
            <source>No orders yet.</source>
            <translation>尚无订单。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="467" />
            <source>No payments yet.</source>
            <translation>尚无付款。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="452" />
            <source>Order</source>
            <translation>订单</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="388" />
            <source>Ordered</source>
            <translation>订购</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="551" />
            <source>Orders (%1)</source>
            <translation>订单 (%1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="391" />
            <source>Owed</source>
            <translation>欠款</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="390" />
            <source>Paid</source>
            <translation>已付</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="552" />
            <source>Payments (%1)</source>
            <translation>付款 (%1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="480" />
            <source>Record payment…</source>
            <translation>登记收款…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="389" />
            <source>Returned</source>
            <translation>退货</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="430" />
            <source>Statement…</source>
            <translation>对账单…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="455" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="434" />
            <source>The statement of account for a period, to see or to save for the customer</source>
            <translation>某一期间的对账单，可查看或保存后发给客户</translation>
        </message>
    </context>
    <context>
        <name>MonthlyTab</name>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="186" />
            <source>Cancelled; no workbook was written.</source>
            <translation>已取消，未生成工作簿。</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="124" />
            <source>Clientela %1.xlsx</source>
            <translation>Clientela %1.xlsx</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="117" />
            <source>Excel (*.xlsx)</source>
            <translation>Excel (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="135" />
            <source>Key accounts %1.xlsx</source>
            <translation>大客户 %1.xlsx</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="89" />
            <source>Key-account cards…</source>
            <translation>大客户卡片…</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="78" />
            <source>Make workbook…</source>
            <translation>生成工作簿…</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="137" />
            <source>Making the key-account cards…</source>
            <translation>正在生成大客户卡片…</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="126" />
            <source>Making the monthly workbook…</source>
            <translation>正在生成月度工作簿…</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="68" />
            <source>Month</source>
            <translation>月份</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="180" />
            <source>No workbook was written.</source>
            <translation>未生成工作簿。</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="51" />
            <source>One workbook for the month: the key figures against the previous month and the same month last year (with a chart), sales by salesperson and by customer class, the pipeline and forecast, new and lost customers, receivables by age, key accounts and activities by salesperson.</source>
            <translation>一个月度工作簿：关键指标与上月及去年同月对比（附图表），按销售员和客户分类的销售额，商机与预测，新增与流失客户，应收账款账龄，大客户以及各销售员的跟进情况。</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="84" />
            <source>Open folder</source>
            <translation>打开文件夹</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="81" />
            <source>Open workbook</source>
            <translation>打开工作簿</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="117" />
            <source>Save the monthly workbook</source>
            <translation>保存月度工作簿</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="174" />
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="75" />
            <source>Sheets in</source>
            <translation>工作表语言</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="71" />
            <source>The office's language</source>
            <translation>办公室语言</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="92" />
            <source>The strategy and review cards of the month, one sheet per key account</source>
            <translation>本月的客户策略卡和月评卡，每个大客户一张工作表</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="154" />
            <source>Working out the figures…</source>
            <translation>正在计算数据…</translation>
        </message>
    </context>
    <context>
        <name>NarrowDialog</name>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="138" />
            <source>By</source>
            <translation>细分方式</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="164" />
            <source>Collections</source>
            <translation>回款</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="143" />
            <source>Measure</source>
            <translation>指标</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="165" />
            <source>New customers</source>
            <translation>新客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="136" />
            <source>Product category</source>
            <translation>产品类别</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="137" />
            <source>Region</source>
            <translation>区域</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="156" />
            <source>Sales</source>
            <translation>销售</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="134" />
            <source>Salesperson</source>
            <translation>销售员</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="146" />
            <source>Target</source>
            <translation>目标</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="127" />
            <source>Target by category or region</source>
            <translation>按类别或区域的目标</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="141" />
            <source>Which</source>
            <translation>哪一个</translation>
        </message>
    </context>
    <context>
        <name>NarrowedModel</name>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="230" />
            <source>By</source>
            <translation>细分方式</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="259" />
            <source>Collections</source>
            <translation>回款</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="229" />
            <source>Measure</source>
            <translation>指标</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="260" />
            <source>New customers</source>
            <translation>新客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="261" />
            <source>Product category</source>
            <translation>产品类别</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="234" />
            <source>Reached</source>
            <translation>达成率</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="262" />
            <source>Region</source>
            <translation>区域</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="258" />
            <source>Sales</source>
            <translation>销售</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="228" />
            <source>Salesperson</source>
            <translation>销售员</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="233" />
            <source>So far</source>
            <translation>实际</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="232" />
            <source>Target</source>
            <translation>目标</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="231" />
            <source>Which</source>
            <translation>类别或区域</translation>
        </message>
    </context>
    <context>
        <name>NewCampaignDialog</name>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="57" />
            <source>&amp;Channel</source>
            <translation>渠道(&amp;C)</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="63" />
            <source>&amp;First day</source>
            <translation>开始日期(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="52" />
            <source>&amp;Kind</source>
            <translation>类型(&amp;K)</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="64" />
            <source>&amp;Last day</source>
            <translation>结束日期(&amp;L)</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="48" />
            <source>&amp;Name</source>
            <translation>姓名(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="68" />
            <source>C&amp;ost</source>
            <translation>成本(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="71" />
            <source>N&amp;otes</source>
            <translation>备注(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="40" />
            <source>New campaign</source>
            <translation>新建营销活动</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="67" />
            <source>e.g. 3000</source>
            <translation>例如 3000</translation>
        </message>
    </context>
    <context>
        <name>NewCaseDialog</name>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="42" />
            <source>A case follows the complaint until it is resolved and the customer asked.</source>
            <translation>投诉案件会跟踪投诉，直到问题解决并回访客户为止。</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="60" />
            <source>Due</source>
            <translation>到期</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="65" />
            <source>No case</source>
            <translation>不立案</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="39" />
            <source>Open a complaint case</source>
            <translation>受理投诉案件</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="64" />
            <source>Open case</source>
            <translation>立案</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="51" />
            <source>Title</source>
            <translation>职务</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="55" />
            <source>What happened</source>
            <translation>事情经过</translation>
        </message>
    </context>
    <context>
        <name>NewDealDialog</name>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="107" />
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="273" />
            <source>Choose the customer first.</source>
            <translation>请先选择客户。</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="97" />
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="242" />
            <source>Customer: %1</source>
            <translation>客户：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="131" />
            <source>Expected close</source>
            <translation>预计成交日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="78" />
            <source>Name, phone, plate or card…</source>
            <translation>姓名、电话、车牌或会员卡…</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="64" />
            <source>New deal</source>
            <translation>新建商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="93" />
            <source>No customer chosen yet.</source>
            <translation>尚未选择客户。</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="230" />
            <source>No customer found.</source>
            <translation>未找到客户。</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="135" />
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="114" />
            <source>Pipeline</source>
            <translation>商机流程</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="286" />
            <source>Saving…</source>
            <translation>正在保存…</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="117" />
            <source>Stage</source>
            <translation>阶段</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="196" />
            <source>The pipeline has no open stage: add one in Settings.</source>
            <translation>商机流程没有进行中的阶段：请在设置中添加。</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="102" />
            <source>Title</source>
            <translation>标题</translation>
        </message>
    </context>
    <context>
        <name>OfficeSettingsTab</name>
        <message>
            <location filename="../../app/ui/office_settings.py" line="101" />
            <source>A new language applies when Clientela starts again.</source>
            <translation>新语言将在 Clientela 重新启动后生效。</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="108" />
            <source>Close Clientela and open it again in the chosen language</source>
            <translation>关闭 Clientela 并以所选语言重新打开</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="134" />
            <source>Country (phone numbers)</source>
            <translation>国家/地区（电话号码）</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="126" />
            <source>Currency</source>
            <translation>货币</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="143" />
            <source>Language of tasks and workbooks</source>
            <translation>待办和工作簿的语言</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="99" />
            <source>Language of the window</source>
            <translation>界面语言</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="223" />
            <source>Not saved yet: suggested from the window's language. Save to use them.</source>
            <translation>尚未保存：以下是根据界面语言给出的建议，保存后生效。</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="132" />
            <source>Phone numbers written without a country prefix are numbers of this country.</source>
            <translation>未写国家区号的电话号码按此国家/地区处理。</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="141" />
            <source>Reminder task titles and the monthly workbook are written in this language.</source>
            <translation>提醒待办的标题和月度工作簿使用此语言。</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="105" />
            <source>Restart now</source>
            <translation>立即重启</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="169" />
            <source>Saved: Clientela shows this language when it starts again.</source>
            <translation>已保存：Clientela 重新启动后将显示此语言。</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="119" />
            <source>The office (every PC)</source>
            <translation>办公室（所有电脑）</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="92" />
            <source>The system's (%1)</source>
            <translation>跟随系统 (%1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="84" />
            <source>This PC</source>
            <translation>本机</translation>
        </message>
    </context>
    <context>
        <name>Operation</name>
        <message>
            <location filename="../../app/ui/operations.py" line="208" />
            <source>Another PC is writing to the database. Waiting for it to finish (attempt %1)…</source>
            <translation>另一台电脑正在写入数据库，正在等待其完成（第 %1 次尝试）…</translation>
        </message>
        <message>
            <location filename="../../app/ui/operations.py" line="271" />
            <source>Clientela</source>
            <translation>Clientela</translation>
        </message>
    </context>
    <context>
        <name>OrderDialog</name>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="157" />
            <location filename="../../app/ui/order_dialog.py" line="254" />
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="483" />
            <source>Add at least one line.</source>
            <translation>请至少添加一行。</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="185" />
            <source>Add line</source>
            <translation>添加一行</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="170" />
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="453" />
            <source>Amount %1</source>
            <translation>金额 %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="456" />
            <source>Amount %1 · cost %2 · margin %3</source>
            <translation>金额 %1 · 成本 %2 · 毛利 %3</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="158" />
            <source>Contract</source>
            <translation>合同</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="519" />
            <location filename="../../app/ui/order_dialog.py" line="584" />
            <source>Credit</source>
            <translation>信用</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="154" />
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="168" />
            <source>Discount %</source>
            <translation>折扣 %</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="224" />
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="130" />
            <source>New order: %1</source>
            <translation>新建订单：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="518" />
            <source>Not saved: %1</source>
            <translation>未保存：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="551" />
            <source>Not saved: someone else saved this order meanwhile.</source>
            <translation>未保存：其他人已先保存了此订单。</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="150" />
            <source>Number</source>
            <translation>编号</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="305" />
            <source>Order %1, version %2.</source>
            <translation>订单 %1，第 %2 版。</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="132" />
            <source>Order: %1</source>
            <translation>订单：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="165" />
            <source>Product</source>
            <translation>产品</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="331" />
            <source>Product or description</source>
            <translation>产品或说明</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="166" />
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="189" />
            <source>Remove line</source>
            <translation>删除一行</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="195" />
            <source>Return…</source>
            <translation>退货…</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="586" />
            <source>Save this order anyway?</source>
            <translation>仍要保存这张订单吗？</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="490" />
            <source>Saving…</source>
            <translation>正在保存…</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="563" />
            <source>Showing their version.</source>
            <translation>正在显示对方的版本。</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="571" />
            <source>Someone else saved this order meanwhile.</source>
            <translation>其他人已先保存了此订单。</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="152" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="521" />
            <source>The office does not allow this order:</source>
            <translation>本店设置不允许这张订单：</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="169" />
            <source>Unit cost</source>
            <translation>单位成本</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="167" />
            <source>Unit price</source>
            <translation>单价</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="198" />
            <source>What came back of this order, and a new return</source>
            <translation>此订单已退回的商品，以及新的退货</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="144" />
            <source>optional</source>
            <translation>可选</translation>
        </message>
    </context>
    <context>
        <name>OutcomeDialog</name>
        <message>
            <location filename="../../app/ui/today_view.py" line="74" />
            <source>Done: what came of it?</source>
            <translation>完成：结果如何？</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="82" />
            <source>How it serves them, what they need next, what was agreed…</source>
            <translation>产品用得怎样、下一步需要什么、达成了什么约定…</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="88" />
            <source>Not asked</source>
            <translation>未询问</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="85" />
            <source>Outcome</source>
            <translation>结果</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="92" />
            <source>Satisfaction</source>
            <translation>满意度</translation>
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message>
            <location filename="../../app/ui/user_settings.py" line="230" />
            <source>Leave both empty to remove the password (no sign-in needed).</source>
            <translation>两项都留空即可取消密码（无需登录）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="226" />
            <source>Password of %1</source>
            <translation>%1 的密码</translation>
        </message>
    </context>
    <context>
        <name>PaymentDialog</name>
        <message>
            <location filename="../../app/ui/payment_dialog.py" line="71" />
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/payment_dialog.py" line="72" />
            <source>Method</source>
            <translation>付款方式</translation>
        </message>
        <message>
            <location filename="../../app/ui/payment_dialog.py" line="70" />
            <source>Paid on</source>
            <translation>付款日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/payment_dialog.py" line="51" />
            <source>Payment from %1</source>
            <translation>%1 的付款</translation>
        </message>
        <message>
            <location filename="../../app/ui/payment_dialog.py" line="73" />
            <source>Reference</source>
            <translation>付款凭证号</translation>
        </message>
    </context>
    <context>
        <name>PipelinePage</name>
        <message numerus="yes">
            <location filename="../../app/ui/pages/pipeline.py" line="804" />
            <source>%n open deal(s)</source>
            <translation>
                <numerusform>%n 个进行中的商机</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="403" />
            <source>All owners</source>
            <translation>所有负责人</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="563" />
            <source>All pipelines</source>
            <translation>全部销售流程</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="407" />
            <source>Any close date</source>
            <translation>任意成交日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="371" />
            <source>Board</source>
            <translation>看板</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="408" />
            <source>Close date passed</source>
            <translation>已过预计成交日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="410" />
            <source>Closing in 3 months</source>
            <translation>3 个月内成交</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="411" />
            <source>Closing in 6 months</source>
            <translation>6 个月内成交</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="409" />
            <source>Closing this month</source>
            <translation>本月成交</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="423" />
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="674" />
            <source>Export deals</source>
            <translation>导出商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="364" />
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="372" />
            <source>Forecast</source>
            <translation>预测</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="432" />
            <source>Max. amount</source>
            <translation>最高金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="428" />
            <source>Min. amount</source>
            <translation>最低金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="442" />
            <source>New deal</source>
            <translation>新建商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="391" />
            <location filename="../../app/ui/pages/pipeline.py" line="399" />
            <source>Pipeline</source>
            <translation>商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="439" />
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="366" />
            <source>Save the deals on the board, column by column</source>
            <translation>按列保存看板上的商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="345" />
            <source>The board shows one pipeline at a time: choose one above. The Forecast tab adds all pipelines up.</source>
            <translation>看板一次显示一个销售流程：请在上方选择。“预测”页汇总所有销售流程。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="434" />
            <source>Undo move</source>
            <translation>撤销移动</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="800" />
            <source>amount %1, weighted %2</source>
            <translation>金额 %1，加权 %2</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="674" />
            <source>deals</source>
            <translation>商机</translation>
        </message>
    </context>
    <context>
        <name>PrivacyButton</name>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="144" />
            <source>Consent history…</source>
            <translation>同意记录…</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="150" />
            <source>Erase this person…</source>
            <translation>抹除此人的资料…</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="292" />
            <source>Erasing this person…</source>
            <translation>正在抹除此人的资料…</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="289" />
            <source>Erasing…</source>
            <translation>正在抹除…</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="235" />
            <source>Everything held about this person was saved to %1.</source>
            <translation>关于此人的全部资料已保存到 %1。</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="188" />
            <source>Excel (*.xlsx)</source>
            <translation>Excel (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="187" />
            <source>Export everything held about this person</source>
            <translation>导出关于此人的全部资料</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="147" />
            <source>Export everything…</source>
            <translation>导出全部资料…</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="252" />
            <source>Exporting everything held about this person…</source>
            <translation>正在导出关于此人的全部资料…</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="248" />
            <source>Exporting…</source>
            <translation>正在导出…</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="141" />
            <source>Privacy</source>
            <translation>隐私</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="277" />
            <source>This person was erased; orders and payments stay as figures.</source>
            <translation>此人的资料已抹除；订单和付款作为数据保留。</translation>
        </message>
    </context>
    <context>
        <name>PrivacyNoticeTab</name>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="101" />
            <source>A customer may withdraw consent to phone, SMS, email or post at any time (invitations then leave them out), ask for a copy of everything held about them, have their data corrected, or have it erased. In the customer file, Privacy ▸ Export everything… and Erase this person… do the last two (managers and administrators; both are in the audit log).</source>
            <translation>客户可随时撤回对电话、短信、电子邮件或邮寄联系的同意（此后邀请名单会将其排除），可要求获取关于本人的全部资料副本、更正资料或抹除资料。在客户档案中，隐私 ▸ 导出全部资料… 和 抹除此人的资料… 可完成后两项（限经理和管理员；两者都会记入审计日志）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="70" />
            <source>Customer files: names, phones, emails, addresses, birthdays, identity and bank numbers, personal and company details, contact persons and vehicles; every call, visit and note; orders, returns, payments, contracts, deals, tasks, complaints, loyalty points and campaign responses; consent to be contacted per channel with its history; and an audit log of who changed what and when.</source>
            <translation>客户档案：姓名、电话、电子邮件、地址、生日、证件和银行账号、个人及公司资料、联系人和车辆；每一次电话、拜访和备注；订单、退货、付款、合同、商机、待办、投诉、会员积分和营销活动回应；各渠道的联系同意及其记录；以及记录谁在何时修改了什么的审计日志。</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="81" />
            <source>Everything is kept %1. Copies of the database file go to %2 (daily backups). Logs in %3 record errors and never personal data. Nothing is sent anywhere else.</source>
            <translation>所有资料都保存在%1。数据库文件的副本保存在%2（每日备份）。%3 中的日志只记录错误，从不记录个人资料。资料不会发送到其他任何地方。</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="110" />
            <source>How it is protected</source>
            <translation>如何保护</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="53" />
            <source>No database is open.</source>
            <translation>未打开数据库。</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="100" />
            <source>The customer's choices</source>
            <translation>客户的选择</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="92" />
            <source>The office's users, to serve the customer: salespeople see their own customers and those shared with them, managers and administrators see all. It is not shared outside the office without the customer's permission.</source>
            <translation>本办公室的用户，为服务客户而使用：销售员只能看到自己的客户和与其共享的客户，经理和管理员可以看到全部。未经客户许可，不会向办公室以外的任何人提供。</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="111" />
            <source>Users sign in and see only what their role allows; the database and its backups should sit on a drive only the office can reach.</source>
            <translation>用户需要登录，且只能看到其角色允许的内容；数据库及其备份应存放在只有本办公室能访问的磁盘上。</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="69" />
            <source>What is stored</source>
            <translation>保存了什么</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="80" />
            <source>Where</source>
            <translation>保存在哪里</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="91" />
            <source>Who sees it and why</source>
            <translation>谁能看到，为什么</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="86" />
            <source>in the database</source>
            <translation>数据库中</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="57" />
            <source>in the database file %1</source>
            <translation>数据库文件 %1 中</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="55" />
            <source>on the database server %1</source>
            <translation>数据库服务器 %1 上</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="65" />
            <source>the backup folder chosen under Database and backups</source>
            <translation>“数据库与备份”中选择的备份文件夹</translation>
        </message>
    </context>
    <context>
        <name>ProductDialog</name>
        <message>
            <location filename="../../app/ui/product_settings.py" line="71" />
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="46" />
            <source>Change product</source>
            <translation>修改产品</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="70" />
            <source>Code</source>
            <translation>编码</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="74" />
            <source>Cost</source>
            <translation>成本</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="73" />
            <source>List price</source>
            <translation>售价</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="69" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="46" />
            <source>New product</source>
            <translation>新建产品</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="66" />
            <source>Still sold</source>
            <translation>在售</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="72" />
            <source>Unit</source>
            <translation>单位</translation>
        </message>
    </context>
    <context>
        <name>ProductImportDialog</name>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="117" />
            <source>%1 products read: %2 new, %3 to update.</source>
            <translation>读取 %1 个产品：新增 %2 个，更新 %3 个。</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="166" />
            <source>Cancelled; nothing was written.</source>
            <translation>已取消，未写入任何数据。</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="90" />
            <source>Checking %1…</source>
            <translation>正在检查 %1…</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="87" />
            <source>Checking…</source>
            <translation>正在验证…</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="60" />
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="41" />
            <source>Import products</source>
            <translation>导入产品</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="153" />
            <source>Imported: %1 added, %2 updated.</source>
            <translation>已导入：新增 %1 个，更新 %2 个。</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="107" />
            <source>Importing %1…</source>
            <translation>正在导入 %1…</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="104" />
            <source>Importing…</source>
            <translation>正在导入…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/product_import_dialog.py" line="127" />
            <source>Nothing can be imported: %n row(s) have errors. Correct them and try again.</source>
            <translation>
                <numerusform>无法导入：%n 行有错误。请更正后重试。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="135" />
            <source>Row %1: %2</source>
            <translation>第 %1 行：%2</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="145" />
            <source>The file has no products under its header.</source>
            <translation>文件表头下没有产品。</translation>
        </message>
    </context>
    <context>
        <name>ProductSettingsTab</name>
        <message>
            <location filename="../../app/ui/product_settings.py" line="31" />
            <source>Accessory</source>
            <translation>配件用品</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="29" />
            <source>Fuel grade</source>
            <translation>油品</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="34" />
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="33" />
            <source>Parts</source>
            <translation>零部件</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="32" />
            <source>Service</source>
            <translation>服务</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="30" />
            <source>Vehicle model</source>
            <translation>车型</translation>
        </message>
    </context>
    <context>
        <name>ProductTableModel</name>
        <message>
            <location filename="../../app/ui/pages/products.py" line="84" />
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="91" />
            <source>Code</source>
            <translation>编码</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="90" />
            <source>Cost</source>
            <translation>成本</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="89" />
            <source>List price</source>
            <translation>售价</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="88" />
            <source>Margin</source>
            <translation>毛利</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="83" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="125" />
            <source>No longer sold</source>
            <translation>已停售</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="87" />
            <source>Revenue</source>
            <translation>收入</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="85" />
            <source>Sold</source>
            <translation>销量</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="86" />
            <source>Unit</source>
            <translation>单位</translation>
        </message>
    </context>
    <context>
        <name>ProductsPage</name>
        <message>
            <location filename="../../app/ui/pages/products.py" line="495" />
            <source>Products</source>
            <translation>产品</translation>
        </message>
    </context>
    <context>
        <name>ProductsWidget</name>
        <message>
            <location filename="../../app/ui/pages/products.py" line="435" />
            <source>%1 is no longer sold.</source>
            <translation>%1 已停售。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="435" />
            <source>%1 is sold again.</source>
            <translation>%1 已恢复销售。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="216" />
            <source>Add…</source>
            <translation>添加…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="189" />
            <source>All categories</source>
            <translation>全部类别</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="195" />
            <source>All products</source>
            <translation>全部产品</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="217" />
            <source>Change…</source>
            <translation>修改…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="219" />
            <location filename="../../app/ui/pages/products.py" line="373" />
            <source>Deactivate</source>
            <translation>停用</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="168" />
            <source>Export products</source>
            <translation>导出产品</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="222" />
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="458" />
            <source>Import products</source>
            <translation>导入产品</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="221" />
            <source>Import…</source>
            <translation>导入…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="194" />
            <source>No longer sold</source>
            <translation>已停售</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="344" />
            <source>No product matches these filters.</source>
            <translation>没有符合筛选条件的产品。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="346" />
            <source>No products yet. Add them one by one, or import a price list.</source>
            <translation>还没有产品。可逐个添加，或导入价目表。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="350" />
            <source>Only administrators and managers change products.</source>
            <translation>只有管理员和经理可以修改产品。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="409" />
            <source>Product added.</source>
            <translation>已添加产品。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="425" />
            <source>Product saved.</source>
            <translation>已保存产品。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="223" />
            <source>Save the products shown, in this order</source>
            <translation>按此顺序保存所显示的产品</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="181" />
            <source>Search name or code</source>
            <translation>搜索名称或编码</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="373" />
            <source>Sell again</source>
            <translation>恢复销售</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="206" />
            <source>Sold from</source>
            <translation>销售期间</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="391" />
            <source>Someone else changed this product meanwhile: shown as it is now.</source>
            <translation>其他人已先修改了此产品：现显示其最新内容。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="460" />
            <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
            <translation>电子表格 (*.xlsx *.xls *.csv)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="193" />
            <source>Still sold</source>
            <translation>在售</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="315" />
            <source>The period ends before it starts.</source>
            <translation>期间的结束日期早于开始日期。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="168" />
            <source>products</source>
            <translation>产品</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="209" />
            <source>to</source>
            <translation>至</translation>
        </message>
    </context>
    <context>
        <name>ProfileTab</name>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="796" />
            <location filename="../../app/ui/customer_form_tabs.py" line="797" />
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="821" />
            <source>Birthday</source>
            <translation>生日</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="808" />
            <source>By SMS</source>
            <translation>短信</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="809" />
            <source>By email</source>
            <translation>电子邮件</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="807" />
            <source>By phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="810" />
            <source>By post</source>
            <translation>邮寄</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="787" />
            <source>Campaign</source>
            <translation>营销活动</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="790" />
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="799" />
            <source>City</source>
            <translation>城市</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="802" />
            <source>Consent to be contacted</source>
            <translation>同意接收联系</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="800" />
            <source>District</source>
            <translation>区县</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="826" />
            <source>Education</source>
            <translation>教育与经历</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="783" />
            <source>Email</source>
            <translation>电子邮件</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="828" />
            <source>Family</source>
            <translation>家庭背景</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="829" />
            <source>Hobbies</source>
            <translation>兴趣爱好</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="777" />
            <source>Identity</source>
            <translation>身份信息</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="791" />
            <source>Industry</source>
            <translation>行业</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="780" />
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="793" />
            <source>Licence plates</source>
            <translation>车牌</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="792" />
            <source>Membership card</source>
            <translation>会员卡</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="778" />
            <source>Name *</source>
            <translation>姓名 *</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="825" />
            <source>Nationality</source>
            <translation>国籍</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="832" />
            <location filename="../../app/ui/customer_form_tabs.py" line="836" />
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="820" />
            <source>Personal profile</source>
            <translation>个人资料</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="781" />
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="824" />
            <source>Place of birth</source>
            <translation>出生地</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="823" />
            <source>Place of origin</source>
            <translation>籍贯</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="798" />
            <source>Postcode</source>
            <translation>邮编</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="830" />
            <source>Preferences</source>
            <translation>偏好</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="779" />
            <source>Required</source>
            <translation>必填</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="782" />
            <source>Second phone</source>
            <translation>第二电话</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="794" />
            <source>Separate several plates with commas</source>
            <translation>多个车牌用逗号分隔</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="784" />
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="827" />
            <source>Title</source>
            <translation>职务</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="822" />
            <source>e.g. 1980-05-31</source>
            <translation>例如 1980-05-31</translation>
        </message>
    </context>
    <context>
        <name>ProgressDialog</name>
        <message>
            <location filename="../../app/ui/progress_dialog.py" line="80" />
            <source>Cancelling…</source>
            <translation>正在取消…</translation>
        </message>
        <message>
            <location filename="../../app/ui/progress_dialog.py" line="31" />
            <source>Clientela</source>
            <translation>Clientela</translation>
        </message>
    </context>
    <context>
        <name>ReassignDialog</name>
        <message numerus="yes">
            <location filename="../../app/ui/user_settings.py" line="366" />
            <source>Also %n place(s) on account teams.</source>
            <translation>
                <numerusform>另有 %n 个客户小组席位。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="341" />
            <source>Counting…</source>
            <translation>正在统计…</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="285" />
            <source>Deactivate the leaving user</source>
            <translation>停用离职用户</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="295" />
            <source>Hand over</source>
            <translation>转交</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="269" />
            <source>Hand over a user's work</source>
            <translation>转交用户的工作</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="289" />
            <source>Leaving:</source>
            <translation>离职用户：</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="290" />
            <source>Receives (one or more, spread evenly):</source>
            <translation>接收人（一人或多人，平均分配）：</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="361" />
            <source>Will move: %1 customers, %2 open deals, %3 open tasks.</source>
            <translation>将转移：%1 位客户、%2 个进行中的商机、%3 项未完成的待办。</translation>
        </message>
    </context>
    <context>
        <name>RedeemDialog</name>
        <message>
            <location filename="../../app/ui/redeem_dialog.py" line="48" />
            <source>%1 has %2 points.</source>
            <translation>%1 现有 %2 积分。</translation>
        </message>
        <message>
            <location filename="../../app/ui/redeem_dialog.py" line="64" />
            <source>&amp;For</source>
            <translation>用途(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../app/ui/redeem_dialog.py" line="59" />
            <source>&amp;Points</source>
            <translation>积分(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../app/ui/redeem_dialog.py" line="76" />
            <source>Redeem</source>
            <translation>兑换</translation>
        </message>
        <message>
            <location filename="../../app/ui/redeem_dialog.py" line="41" />
            <source>Redeem points</source>
            <translation>积分兑换</translation>
        </message>
        <message>
            <location filename="../../app/ui/redeem_dialog.py" line="62" />
            <source>e.g. car wash voucher</source>
            <translation>例如：洗车券</translation>
        </message>
    </context>
    <context>
        <name>ReminderSettingsTab</name>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="58" />
            <source> days</source>
            <translation> 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="97" />
            <source>Add category</source>
            <translation>添加类别</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="142" />
            <source>Any other category</source>
            <translation>其他任意类别</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="73" />
            <source>At risk after their usual interval</source>
            <translation>超过通常间隔的倍数后视为有流失风险</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="60" />
            <source>Birthday reminder, days before</source>
            <translation>生日提前提醒天数</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="90" />
            <source>Customer category</source>
            <translation>客户类别</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="90" />
            <source>Days</source>
            <translation>天数</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="76" />
            <source>Purchases needed to know a customer's interval</source>
            <translation>计算客户购买间隔所需的购买次数</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="100" />
            <source>Remove category</source>
            <translation>删除类别</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="65" />
            <source>Repeat buyers: one return visit every</source>
            <translation>重复购买客户：每隔多少天回访一次</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="85" />
            <source>Return visit after a purchase, by customer category</source>
            <translation>购买后回访（按客户类别）</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="192" />
            <source>Saved. New reminders follow these rules from the next run.</source>
            <translation>已保存。新的提醒将从下次运行起按这些规则生成。</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="63" />
            <source>Small purchases at the desk: at most one return visit per this many days</source>
            <translation>前台小额购买：每隔这么多天最多回访一次</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="79" />
            <source>Usual interval assumed for fewer purchases</source>
            <translation>购买次数较少时假定的通常间隔</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="80" />
            <source>Visit key accounts every month</source>
            <translation>每月拜访大客户</translation>
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="460" />
            <source>0–30</source>
            <translation>0–30</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="461" />
            <source>31–60</source>
            <translation>31–60</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="462" />
            <source>61–90</source>
            <translation>61–90</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="182" />
            <source>80/20 classes</source>
            <translation>80/20 分类</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="449" />
            <source>Activities per salesperson</source>
            <translation>各销售员的跟进</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="595" />
            <source>Activities: {0}</source>
            <translation>跟进记录：{0}</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="179" />
            <location filename="../../app/ui/pages/reports.py" line="339" />
            <source>All salespeople</source>
            <translation>所有销售员</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="578" />
            <source>Bought in {0}</source>
            <translation>于 {0} 购买</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="715" />
            <location filename="../../app/ui/pages/reports.py" line="775" />
            <source>Calls</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="148" />
            <source>Campaigns</source>
            <translation>营销活动</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="554" />
            <source>Click a bar or slice to see its customers.</source>
            <translation>点击柱形或扇区可查看对应客户。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="726" />
            <source>Collected</source>
            <translation>回款</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="515" />
            <source>Competitor</source>
            <translation>竞争原因</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="516" />
            <source>Customer's reasons</source>
            <translation>客户原因</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="506" />
            <source>Customers lost, by reason</source>
            <translation>按原因统计流失客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="234" />
            <source>Dashboard</source>
            <translation>仪表板</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="249" />
            <source>Day</source>
            <translation>日</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="719" />
            <source>Deals created</source>
            <translation>新建商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="590" />
            <source>Deals expected to close in {0}</source>
            <translation>预计在 {0} 成交的商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="720" />
            <source>Deals moved</source>
            <translation>推进的商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="518" />
            <source>Ended</source>
            <translation>已解除关系</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="773" />
            <source>Follow-ups per salesperson</source>
            <translation>各销售员的跟进</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="408" />
            <source>Hidden: you may not see financial figures</source>
            <translation>已隐藏：您无权查看财务数据</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="171" />
            <source>Last 12 months</source>
            <translation>最近 12 个月</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="168" />
            <source>Last month</source>
            <translation>上月</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="172" />
            <source>Last year</source>
            <translation>去年</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="453" />
            <location filename="../../app/ui/pages/reports.py" line="723" />
            <source>Lost</source>
            <translation>流失</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="599" />
            <source>Lost in {0}</source>
            <translation>{0} 流失</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="527" />
            <source>Lost: a competitor's offer</source>
            <translation>流失：竞争对手的报价</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="529" />
            <source>Lost: no reason given</source>
            <translation>流失：未填写原因</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="526" />
            <source>Lost: our product or service</source>
            <translation>流失：我方产品或服务</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="528" />
            <source>Lost: the customer's own reasons</source>
            <translation>流失：客户自身原因</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="150" />
            <source>Margins</source>
            <translation>毛利</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="251" />
            <source>Month</source>
            <translation>月份</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="144" />
            <source>Monthly workbook</source>
            <translation>月度工作簿</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="453" />
            <source>New</source>
            <translation>新增</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="452" />
            <source>New against lost customers</source>
            <translation>新增与流失客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="718" />
            <source>New customers</source>
            <translation>新客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="597" />
            <source>New in {0}</source>
            <translation>{0} 新增</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="521" />
            <source>No customers lost in this period</source>
            <translation>本期没有流失客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="364" />
            <source>No database is open.</source>
            <translation>未打开数据库。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="407" />
            <source>No figures for this period</source>
            <translation>本期没有数据</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="779" />
            <source>No follow-ups in this period</source>
            <translation>本期没有跟进</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="517" />
            <source>No reason given</source>
            <translation>未填写原因</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="444" />
            <source>No segments yet: press “Work out segments”</source>
            <translation>尚无客户细分：请点击“计算客户细分”</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="465" />
            <source>Nothing is owed</source>
            <translation>没有欠款</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="537" />
            <source>Nothing to chart yet: sales, deals and activities appear here once they are recorded or imported.</source>
            <translation>暂无可绘制的数据：记录或导入销售、商机和跟进后会显示在这里。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="588" />
            <source>Open deals in stage {0}</source>
            <translation>处于 {0} 阶段的进行中商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="725" />
            <source>Order amount</source>
            <translation>订单金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="724" />
            <source>Orders</source>
            <translation>订单</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="422" />
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="717" />
            <location filename="../../app/ui/pages/reports.py" line="777" />
            <source>Other follow-ups</source>
            <translation>其他跟进</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="514" />
            <source>Our side</source>
            <translation>企业原因</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="601" />
            <source>Owing, {0} days</source>
            <translation>欠款 {0} 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="200" />
            <location filename="../../app/ui/pages/reports.py" line="259" />
            <source>Period</source>
            <translation>期间</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="433" />
            <source>Pipeline funnel (open deals)</source>
            <translation>销售漏斗（进行中的商机）</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="183" />
            <source>RFM segments</source>
            <translation>RFM 细分</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="189" />
            <source>Rank customers again: 80/20 classes, RFM, key-account stars, lifecycle</source>
            <translation>重新为客户排名：80/20 分类、RFM、大客户星标、生命周期</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="458" />
            <source>Receivables by age (days; customers above the bars)</source>
            <translation>应收账款账龄（天；柱形上方为客户数）</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="184" />
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="530" />
            <source>Relationship ended</source>
            <translation>已解除关系</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="156" />
            <source>Reports</source>
            <translation>报表</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="508" />
            <source>Retention {0} % ({1} of {2} kept)
Customers lost</source>
            <translation>保持率 {0} %（{2} 位中保留 {1} 位）
流失客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="420" />
            <source>Revenue by RFM segment</source>
            <translation>各 RFM 细分的收入</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="417" />
            <source>Revenue share by 80/20 class (customers)</source>
            <translation>各 80/20 分类的收入占比（客户数）</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="425" />
            <source>Sales by month: this year against last year</source>
            <translation>月度销售额：今年与去年对比</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="278" />
            <source>Salespeople</source>
            <translation>销售员</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="201" />
            <location filename="../../app/ui/pages/reports.py" line="714" />
            <source>Salesperson</source>
            <translation>销售员</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="146" />
            <source>Satisfaction</source>
            <translation>满意度</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="191" />
            <source>Scoring rules…</source>
            <translation>评分规则…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="593" />
            <source>Segment {0}</source>
            <translation>细分 {0}</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="543" />
            <source>Segments have not been worked out yet.</source>
            <translation>尚未计算客户细分。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="546" />
            <source>Segments worked out for {0} to {1}: {2} customers, {3} starred.</source>
            <translation>已计算 {0} 至 {1} 的客户细分：{2} 位客户，{3} 位获得星标。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="209" />
            <source>Share by</source>
            <translation>占比依据</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="152" />
            <source>Targets</source>
            <translation>销售目标</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="167" />
            <source>This month</source>
            <translation>本月</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="169" />
            <source>This quarter</source>
            <translation>本季度</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="170" />
            <source>This year</source>
            <translation>今年</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="716" />
            <location filename="../../app/ui/pages/reports.py" line="776" />
            <source>Visits</source>
            <translation>拜访</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="250" />
            <source>Week</source>
            <translation>周</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="436" />
            <source>Weighted forecast by expected close month</source>
            <translation>按预计成交月份的加权预测</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="721" />
            <source>Won</source>
            <translation>赢单</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="722" />
            <source>Won amount</source>
            <translation>赢单金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="186" />
            <source>Work out segments</source>
            <translation>计算客户细分</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="644" />
            <location filename="../../app/ui/pages/reports.py" line="685" />
            <source>Working out segments…</source>
            <translation>正在计算客户细分…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="463" />
            <source>over 90</source>
            <translation>90 以上</translation>
        </message>
    </context>
    <context>
        <name>ResolveCaseDialog</name>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="150" />
            <source>Not asked</source>
            <translation>未询问</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="147" />
            <source>Resolution</source>
            <translation>处理结果</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="136" />
            <source>Resolve the case</source>
            <translation>解决该案件</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="153" />
            <source>Satisfaction</source>
            <translation>满意度</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="144" />
            <source>What was done for the customer, what was agreed…</source>
            <translation>为客户做了什么、达成了什么约定…</translation>
        </message>
    </context>
    <context>
        <name>ReturnDialog</name>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="139" />
            <source>%1 of %2: %3</source>
            <translation>%1（%2）：%3</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="146" />
            <source>%1 of %2: %3, cost %4, %5; returned so far %6</source>
            <translation>%1（%2）：%3，成本 %4，%5；已退货 %6</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="77" />
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="89" />
            <source>Amount returned</source>
            <translation>退货金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="76" />
            <source>Bought</source>
            <translation>购买数量</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="64" />
            <source>Order</source>
            <translation>订单编号</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="136" />
            <source>Order %1</source>
            <translation>订单 %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="75" />
            <source>Product</source>
            <translation>产品</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="99" />
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="110" />
            <source>Record return</source>
            <translation>登记退货</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="79" />
            <source>Return now</source>
            <translation>本次退货</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="78" />
            <source>Returned</source>
            <translation>退货</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="96" />
            <source>Returned on</source>
            <translation>退货日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="190" />
            <source>Type the quantity returned on a line.</source>
            <translation>请在订单行中填写退货数量。</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="88" />
            <source>for an order without lines</source>
            <translation>用于没有明细的订单</translation>
        </message>
    </context>
    <context>
        <name>SatisfactionTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/satisfaction_tab.py" line="132" />
            <source>%n answer(s)</source>
            <translation>
                <numerusform>%n 份回答</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="75" />
            <location filename="../../app/ui/satisfaction_tab.py" line="112" />
            <source>Answers</source>
            <translation>回答数</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="76" />
            <source>Average</source>
            <translation>平均分</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="112" />
            <source>Average score</source>
            <translation>平均分</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="51" />
            <source>From</source>
            <translation>从</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="114" />
            <source>No scores in this period</source>
            <translation>本期没有满意度评分</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="121" />
            <source>Nobody</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="59" />
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="74" />
            <source>Salesperson</source>
            <translation>销售员</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="111" />
            <source>Satisfaction by month (red: share of scores 1–2)</source>
            <translation>每月满意度（红字：1–2 分占比）</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="78" />
            <source>Share 1–2</source>
            <translation>1–2 分占比</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="77" />
            <source>Share 4–5</source>
            <translation>4–5 分占比</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="137" />
            <source>average %1</source>
            <translation>平均 %1 分</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="53" />
            <source>to</source>
            <translation>至</translation>
        </message>
    </context>
    <context>
        <name>ScoringSettingsDialog</name>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="41" />
            <source> months</source>
            <translation> 个月</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="59" />
            <source>Class A: top share of the total</source>
            <translation>A 类：占总额的前列份额</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="60" />
            <source>Class B: the next</source>
            <translation>B 类：其次的份额</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="64" />
            <source>Key-account score: each indicator scores 1/3/5/7/9 by quintile; the score is their weighted mean. Customers at or above the average are starred. Weight 0 leaves an indicator out.</source>
            <translation>大客户评分：每个指标按五分位计 1/3/5/7/9 分，总分为加权平均。达到或高于平均分的客户标为 ★。权重为 0 的指标不计入。</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="57" />
            <source>Period</source>
            <translation>期间</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="45" />
            <source>Profit</source>
            <translation>利润</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="58" />
            <source>Rank customers by</source>
            <translation>客户排名依据</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="44" />
            <source>Revenue</source>
            <translation>收入</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="34" />
            <source>Segmentation and key-account scoring</source>
            <translation>客户细分与大客户评分</translation>
        </message>
    </context>
    <context>
        <name>SectionCard</name>
        <message numerus="yes">
            <location filename="../../app/ui/today_view.py" line="258" />
            <source>… and %n more</source>
            <translation>
                <numerusform>… 还有 %n 项</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ServiceTab</name>
        <message>
            <location filename="../../app/ui/service_tab.py" line="91" />
            <source>By</source>
            <translation>记录人</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="118" />
            <source>Card %1 · %2 · %3 points</source>
            <translation>会员卡 %1 · %2 · %3 积分</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="125" />
            <source>Card %1 · %2 · %3 points · %4 spent in twelve months</source>
            <translation>会员卡 %1 · %2 · %3 积分 · 近十二个月消费 %4</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="77" />
            <source>Case</source>
            <translation>投诉案件</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="65" />
            <source>Complaint cases</source>
            <translation>投诉案件</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="79" />
            <source>Due</source>
            <translation>到期</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="91" />
            <source>Entry</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="132" />
            <source>No membership card: no level or points.</source>
            <translation>没有会员卡：无等级，无积分。</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="135" />
            <source>No satisfaction score yet.</source>
            <translation>尚无满意度评分。</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="68" />
            <source>Open a case…</source>
            <translation>新建投诉工单…</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="76" />
            <source>Opened</source>
            <translation>受理日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="80" />
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="91" />
            <source>Points</source>
            <translation>积分</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="87" />
            <source>Points ledger</source>
            <translation>积分明细</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/service_tab.py" line="139" />
            <source>Satisfaction: last %1 of 5 %2 · average %3 over %n answer(s)</source>
            <translation>
                <numerusform>满意度：最近 %1 分（满分 5）%2 · %n 次评价平均 %3</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="81" />
            <source>Score</source>
            <translation>评分</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="78" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="91" />
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="91" />
            <source>Why</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="151" />
            <source>overdue</source>
            <translation>已逾期</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="54" />
            <source>Audit log</source>
            <translation>审计日志</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="48" />
            <source>Credit</source>
            <translation>信用</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="57" />
            <source>Database and backups</source>
            <translation>数据库与备份</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="50" />
            <source>Office and language</source>
            <translation>办公室与语言</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="39" />
            <source>Pipeline stages</source>
            <translation>商机阶段</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="59" />
            <source>Privacy</source>
            <translation>隐私</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="46" />
            <source>Products</source>
            <translation>产品</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="41" />
            <source>Reminders</source>
            <translation>提醒</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="43" />
            <source>Service and loyalty</source>
            <translation>服务与会员</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="63" />
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="52" />
            <source>Users</source>
            <translation>用户</translation>
        </message>
    </context>
    <context>
        <name>SettingsTab</name>
        <message>
            <location filename="../../app/ui/settings_tab.py" line="127" />
            <source>Nothing changed.</source>
            <translation>没有改动。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_tab.py" line="79" />
            <source>Only administrators and managers change these.</source>
            <translation>只有管理员和经理可以修改这些设置。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_tab.py" line="52" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_tab.py" line="127" />
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_tab.py" line="146" />
            <source>Saving…</source>
            <translation>正在保存…</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <location filename="../../app/ui/sign_in_dialog.py" line="103" />
            <source>Checking…</source>
            <translation>正在验证…</translation>
        </message>
        <message>
            <location filename="../../app/ui/sign_in_dialog.py" line="92" />
            <source>Enter your user name.</source>
            <translation>请输入您的用户名。</translation>
        </message>
        <message>
            <location filename="../../app/ui/sign_in_dialog.py" line="67" />
            <source>Password:</source>
            <translation>密码：</translation>
        </message>
        <message>
            <location filename="../../app/ui/sign_in_dialog.py" line="72" />
            <source>Sign in</source>
            <translation>登录</translation>
        </message>
        <message>
            <location filename="../../app/ui/sign_in_dialog.py" line="45" />
            <source>Sign in to Clientela</source>
            <translation>登录 Clientela</translation>
        </message>
        <message>
            <location filename="../../app/ui/sign_in_dialog.py" line="48" />
            <source>Sign in with your user name and password.</source>
            <translation>请使用用户名和密码登录。</translation>
        </message>
        <message>
            <location filename="../../app/ui/sign_in_dialog.py" line="66" />
            <source>User name:</source>
            <translation>用户名：</translation>
        </message>
    </context>
    <context>
        <name>SpreadDialog</name>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="85" />
            <source>Collections</source>
            <translation>回款</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="94" />
            <source>Evenly over the twelve months</source>
            <translation>平均分到十二个月</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="95" />
            <source>Like last year's months</source>
            <translation>按去年各月比例</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="89" />
            <source>Measure</source>
            <translation>指标</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="86" />
            <source>New customers</source>
            <translation>新客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="84" />
            <source>Sales</source>
            <translation>销售</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="77" />
            <source>Salesperson</source>
            <translation>销售员</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="96" />
            <source>Spread</source>
            <translation>分解方式</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="71" />
            <source>Spread a year's target</source>
            <translation>分解年度目标</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="98" />
            <source>The twelve months' targets are replaced; they add up to the year's target exactly. Like last year's months: in proportion to what this salesperson did in each month a year before (evenly when nothing was done).</source>
            <translation>这十二个月的目标将被替换，各月之和正好等于年度目标。按去年各月比例：按该销售人员去年同月的实际业绩分配（去年没有业绩时平均分配）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="92" />
            <source>The year's target</source>
            <translation>年度目标</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="81" />
            <source>Year</source>
            <translation>年份</translation>
        </message>
    </context>
    <context>
        <name>StageDialog</name>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="112" />
            <source> days</source>
            <translation> 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="172" />
            <source>A stage needs a name.</source>
            <translation>阶段需要名称。</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="123" />
            <source>Aging after</source>
            <translation>超过多少天视为停滞</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="152" />
            <source>Choose…</source>
            <translation>选择…</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="121" />
            <source>Colour</source>
            <translation>颜色</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="74" />
            <source>Edit stage</source>
            <translation>编辑阶段</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="100" />
            <source>Lost stage</source>
            <translation>输单阶段</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="119" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="74" />
            <source>New stage</source>
            <translation>新建阶段</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="90" />
            <source>No colour</source>
            <translation>无颜色</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="135" />
            <source>Stage colour</source>
            <translation>阶段颜色</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="120" />
            <source>Win probability</source>
            <translation>赢单概率</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="97" />
            <source>Won stage</source>
            <translation>赢单阶段</translation>
        </message>
    </context>
    <context>
        <name>StageSettings</name>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="555" />
            <source>%1 (inactive)</source>
            <translation>%1（已停用）</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="424" />
            <source>Activate</source>
            <translation>启用</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="274" />
            <source>Add…</source>
            <translation>添加…</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="203" />
            <source>Aging days</source>
            <translation>停滞天数</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="252" />
            <source>An inactive pipeline leaves the board's chooser and the new-deal dialog</source>
            <translation>停用的销售流程不再出现在看板选择和新建商机对话框中</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="200" />
            <source>Colour</source>
            <translation>颜色</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="249" />
            <location filename="../../app/ui/stage_settings.py" line="424" />
            <source>Deactivate</source>
            <translation>停用</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="204" />
            <source>Deals</source>
            <translation>商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="537" />
            <location filename="../../app/ui/stage_settings.py" line="626" />
            <source>Delete stage</source>
            <translation>删除阶段</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="627" />
            <source>Delete the stage “{name}”?</source>
            <translation>删除阶段“{name}”？</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="278" />
            <source>Delete…</source>
            <translation>删除…</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="275" />
            <source>Edit…</source>
            <translation>编辑…</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="202" />
            <source>Lost</source>
            <translation>流失</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="277" />
            <source>Move down</source>
            <translation>下移</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="276" />
            <source>Move up</source>
            <translation>上移</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="197" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="620" />
            <source>Name of the pipeline</source>
            <translation>销售流程名称</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="581" />
            <source>New pipeline</source>
            <translation>新建销售流程</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="243" />
            <source>New pipeline…</source>
            <translation>新建销售流程…</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="198" />
            <source>Order</source>
            <translation>订单</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="254" />
            <source>Pipeline</source>
            <translation>商机流程</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="594" />
            <source>Rename pipeline</source>
            <translation>重命名销售流程</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="246" />
            <source>Rename…</source>
            <translation>重命名…</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="226" />
            <source>The stages of the pipeline, in the order the board shows them. A stage that holds deals can only be deleted by moving its deals.</source>
            <translation>销售流程的各阶段，按看板显示顺序排列。有商机的阶段须先移走其商机才能删除。</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="199" />
            <source>Win probability</source>
            <translation>赢单概率</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="201" />
            <source>Won</source>
            <translation>赢单</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="364" />
            <location filename="../../app/ui/stage_settings.py" line="365" />
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="538" />
            <source>{count} deal(s) are in “{name}”. Move them to:</source>
            <translation>“{name}”中有 {count} 个商机。将它们移到：</translation>
        </message>
    </context>
    <context>
        <name>StatementDialog</name>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="221" />
            <source>%1 unpaid order(s) past due on %2; the oldest %3 days.</source>
            <translation>截至 %2 有 %1 笔订单逾期未付，最久逾期 %3 天。</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="117" />
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="118" />
            <source>Balance</source>
            <translation>余额</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="95" />
            <location filename="../../app/ui/statement_dialog.py" line="204" />
            <source>Closing balance</source>
            <translation>期末余额</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="114" />
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="244" />
            <source>Excel (*.xlsx)</source>
            <translation>Excel (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="83" />
            <source>From</source>
            <translation>从</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="286" />
            <source>No workbook was written.</source>
            <translation>未生成工作簿。</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="228" />
            <source>Nothing is overdue on %1.</source>
            <translation>截至 %1 没有逾期款项。</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="139" />
            <source>Open workbook</source>
            <translation>打开工作簿</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="94" />
            <location filename="../../app/ui/statement_dialog.py" line="188" />
            <source>Opening balance</source>
            <translation>期初余额</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="183" />
            <source>Order</source>
            <translation>订单</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="96" />
            <source>Overdue</source>
            <translation>已逾期</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="185" />
            <source>Payment</source>
            <translation>收款</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="116" />
            <source>Reference</source>
            <translation>单号</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="184" />
            <source>Return</source>
            <translation>退货</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="134" />
            <source>Save as Excel…</source>
            <translation>保存为 Excel…</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="244" />
            <source>Save the statement</source>
            <translation>保存对账单</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="282" />
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="264" />
            <location filename="../../app/ui/statement_dialog.py" line="272" />
            <source>Saving the statement…</source>
            <translation>正在保存对账单…</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="252" />
            <source>Statement %1 %2 to %3.xlsx</source>
            <translation>对账单 %1 %2 至 %3.xlsx</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="70" />
            <source>Statement of account: %1</source>
            <translation>对账单：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="115" />
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="168" />
            <source>Working out the statement…</source>
            <translation>正在计算对账单…</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="85" />
            <source>to</source>
            <translation>至</translation>
        </message>
    </context>
    <context>
        <name>TableExport</name>
        <message numerus="yes">
            <location filename="../../app/ui/table_export.py" line="103" />
            <source>%n row(s) exported to %1</source>
            <translation>
                <numerusform>已将 %n 行导出到 %1</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="33" />
            <source>Activities</source>
            <translation>跟进记录</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="38" />
            <source>Complaint cases</source>
            <translation>投诉案件</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="31" />
            <source>Contact persons</source>
            <translation>联系人</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="30" />
            <source>Customers</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="36" />
            <source>Deals</source>
            <translation>商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="53" />
            <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
            <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="101" />
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="91" />
            <source>Exporting %1…</source>
            <translation>正在导出 %1…</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="34" />
            <source>Orders</source>
            <translation>订单</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="35" />
            <source>Payments</source>
            <translation>付款</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="39" />
            <source>Products</source>
            <translation>产品</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="37" />
            <source>Tasks</source>
            <translation>待办</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="32" />
            <source>Vehicles</source>
            <translation>车辆</translation>
        </message>
    </context>
    <context>
        <name>TargetsModel</name>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="165" />
            <source>%1 still needed per day left</source>
            <translation>剩余每天还需 %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="94" />
            <source>%1: reached</source>
            <translation>%1达成率</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="93" />
            <source>%1: so far</source>
            <translation>%1实际</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="92" />
            <source>%1: target</source>
            <translation>%1目标</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="86" />
            <source>Collections</source>
            <translation>回款</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="87" />
            <source>New customers</source>
            <translation>新客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="140" />
            <source>Office</source>
            <translation>全公司</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="85" />
            <source>Sales</source>
            <translation>销售</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="89" />
            <source>Salesperson</source>
            <translation>销售员</translation>
        </message>
    </context>
    <context>
        <name>TargetsStrip</name>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="94" />
            <source>%1 a day needed</source>
            <translation>每天还需 %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="86" />
            <source>%1 of %2</source>
            <translation>%1 / %2</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="54" />
            <source>Collections</source>
            <translation>回款</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="55" />
            <source>New customers</source>
            <translation>新客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="44" />
            <source>No targets set for this month.</source>
            <translation>本月尚未设定目标。</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="53" />
            <source>Sales</source>
            <translation>销售</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/targets_strip.py" line="107" />
            <source>This month's targets (%1, %n day(s) left)</source>
            <translation>
                <numerusform>本月目标（%1，还剩 %n 天）</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="96" />
            <source>reached</source>
            <translation>已达成</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="105" />
            <source>the office</source>
            <translation>全公司</translation>
        </message>
    </context>
    <context>
        <name>TargetsTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/targets_tab.py" line="337" />
            <source>%n day(s) left in the month, today included; a target's tooltip says what is still needed per day.</source>
            <translation>
                <numerusform>本月还剩 %n 天（含今天）；鼠标停在目标上可看到每天还需完成多少。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/targets_tab.py" line="426" />
            <source>%n target(s) copied from last month.</source>
            <translation>
                <numerusform>已从上月复制 %n 个目标。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="248" />
            <source>Add by category or region…</source>
            <translation>按类别或区域添加…</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="245" />
            <source>By product category or region</source>
            <translation>按产品类别或区域细分的目标</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="213" />
            <source>Copy last month</source>
            <translation>复制上月目标</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="346" />
            <source>Double-click a target to change it; an empty target clears it.</source>
            <translation>双击目标即可修改；清空即删除该目标。</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="216" />
            <source>Last month's targets for this month; targets already set here stay.</source>
            <translation>把上月目标复制到本月；本月已设定的目标保持不变。</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="205" />
            <source>Month</source>
            <translation>月份</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="351" />
            <source>No targets set for this month.</source>
            <translation>本月尚未设定目标。</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="220" />
            <source>Spread a year…</source>
            <translation>分解年度目标…</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="348" />
            <source>Targets are set by a manager.</source>
            <translation>目标由经理设定。</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="335" />
            <source>The month has not begun.</source>
            <translation>本月尚未开始。</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="344" />
            <source>The month is over.</source>
            <translation>本月已结束。</translation>
        </message>
    </context>
    <context>
        <name>TaskDialog</name>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="249" />
            <source>Does not repeat</source>
            <translation>不重复</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="240" />
            <source>Due</source>
            <translation>到期</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="251" />
            <source>Every month</source>
            <translation>每月</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="250" />
            <source>Every week</source>
            <translation>每周</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="259" />
            <source>For</source>
            <translation>指派给</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="243" />
            <source>High</source>
            <translation>高</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="243" />
            <source>Low</source>
            <translation>低</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="228" />
            <source>New task</source>
            <translation>新建待办</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="243" />
            <source>Normal</source>
            <translation>普通</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="263" />
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="246" />
            <source>Priority</source>
            <translation>优先级</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="252" />
            <source>Repeat</source>
            <translation>重复</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="233" />
            <source>Task</source>
            <translation>待办事项</translation>
        </message>
    </context>
    <context>
        <name>TaskTableModel</name>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="77" />
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="75" />
            <source>Due</source>
            <translation>到期</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="84" />
            <source>High</source>
            <translation>高</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="84" />
            <source>Low</source>
            <translation>低</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="84" />
            <source>Normal</source>
            <translation>普通</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="79" />
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="78" />
            <source>Priority</source>
            <translation>优先级</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="80" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="76" />
            <source>Task</source>
            <translation>待办事项</translation>
        </message>
    </context>
    <context>
        <name>TasksPage</name>
        <message numerus="yes">
            <location filename="../../app/ui/pages/tasks.py" line="459" />
            <source>%n task(s)</source>
            <translation>
                <numerusform>%n 项待办</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="331" />
            <source>1 day</source>
            <translation>1 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="333" />
            <source>1 week</source>
            <translation>1 周</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="305" />
            <source>All</source>
            <translation>全部</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="304" />
            <source>Done</source>
            <translation>已完成</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="324" />
            <source>Done</source>
            <comment>button: mark the selected tasks done</comment>
            <translation>完成</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="385" />
            <source>Everyone's</source>
            <translation>所有人的</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="440" />
            <source>Export tasks</source>
            <translation>导出待办</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="337" />
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="383" />
            <source>My tasks</source>
            <translation>我的待办</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="320" />
            <source>New task…</source>
            <translation>新建待办…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="303" />
            <source>Open</source>
            <translation>未完成</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="339" />
            <source>Save the tasks shown, in this order</source>
            <translation>按此顺序保存显示的待办</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="328" />
            <source>Snooze</source>
            <translation>稍后提醒</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="369" />
            <source>Tasks</source>
            <translation>待办</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="440" />
            <source>tasks</source>
            <translation>待办</translation>
        </message>
    </context>
    <context>
        <name>TeamTab</name>
        <message>
            <location filename="../../app/ui/team_tab.py" line="178" />
            <source>(left)</source>
            <translation>（已离职）</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="171" />
            <source>A key account needs at least two team members besides the owner.</source>
            <translation>大客户除负责人外至少需要两名小组成员。</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="45" />
            <source>Account lead</source>
            <translation>客户主管</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="46" />
            <source>Account manager</source>
            <translation>客户经理</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="85" />
            <source>Account team</source>
            <translation>客户小组</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="100" />
            <source>Add or change</source>
            <translation>添加或修改</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="291" />
            <source>Choose a contact person in the list first.</source>
            <translation>请先在列表中选择联系人。</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="282" />
            <source>Choose a member in the list first.</source>
            <translation>请先在列表中选择成员。</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="118" />
            <source>Contact person</source>
            <translation>联系人</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="47" />
            <source>Executive sponsor</source>
            <translation>高层联系人</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="88" />
            <source>Member</source>
            <translation>成员</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="189" />
            <source>Nobody</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="118" />
            <source>Our counterpart</source>
            <translation>我方对口人</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/team_tab.py" line="166" />
            <source>Owner: %1 · %n team member(s) besides the owner</source>
            <translation>
                <numerusform>负责人：%1 · 另有 %n 名小组成员</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="129" />
            <source>Pair with the contact</source>
            <translation>设为对口人</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="104" />
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="118" />
            <source>Role in buying</source>
            <translation>采购角色</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="88" />
            <source>Role on the account</source>
            <translation>小组角色</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="256" />
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="48" />
            <source>Service</source>
            <translation>服务</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="214" />
            <source>The owner or a manager changes the team.</source>
            <translation>小组由负责人或经理调整。</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="114" />
            <source>Their people and our counterparts</source>
            <translation>客户方人员与我方对口人</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="165" />
            <source>nobody</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="179" />
            <source>owner</source>
            <translation>负责人</translation>
        </message>
    </context>
    <context>
        <name>TimelineTab</name>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="663" />
            <source>By</source>
            <translation>记录人</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="649" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="644" />
            <source>Enter saves · Shift+Enter new line · Esc cancels</source>
            <translation>Enter 保存 · Shift+Enter 换行 · Esc 取消</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="620" />
            <source>Keyboard: %1, then a letter</source>
            <translation>键盘：%1，然后按一个字母</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="663" />
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="609" />
            <source>Log a %1 (%2)</source>
            <translation>记录%1 (%2)</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="603" />
            <source>Log:</source>
            <translation>记录：</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="703" />
            <source>New entry: %1</source>
            <translation>新记录：%1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="671" />
            <source>Nothing logged yet.</source>
            <translation>尚无记录。</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="646" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="663" />
            <source>What</source>
            <translation>内容</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="663" />
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="688" />
            <source>satisfaction %1/5</source>
            <translation>满意度 %1/5</translation>
        </message>
    </context>
    <context>
        <name>TodayPage</name>
        <message>
            <location filename="../../app/ui/pages/today.py" line="305" />
            <source>%1 · %2 to do</source>
            <translation>%1 · 待办 %2 项</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="351" />
            <source>%n day(s) in this stage</source>
            <translation>
                <numerusform>在此阶段 %n 天</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="366" />
            <location filename="../../app/ui/pages/today.py" line="370" />
            <source>%n day(s) late</source>
            <translation>
                <numerusform>逾期 %n 天</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="499" />
            <source>%n task(s) due now</source>
            <translation>
                <numerusform>%n 项待办现已到期</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="162" />
            <source>Birthdays in the next 7 days</source>
            <translation>未来 7 天的生日</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="396" />
            <source>Check that the backup folder can be written, or back up now.</source>
            <translation>请检查备份文件夹是否可写，或立即备份。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="519" />
            <source>Clientela</source>
            <translation>Clientela</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="174" />
            <source>Contracts ending soon</source>
            <translation>即将到期的合同</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="163" />
            <source>Customers at risk</source>
            <translation>有流失风险的客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="165" />
            <source>Deals stuck too long in a stage</source>
            <translation>停留过久的商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="160" />
            <source>Due today</source>
            <translation>今天到期</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="179" />
            <source>Every key account has a team.</source>
            <translation>每个大客户都有小组。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="196" />
            <source>Everyone</source>
            <translation>所有人</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="161" />
            <source>Follow-up visits due</source>
            <translation>到期的回访</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="178" />
            <source>Key accounts with a thin team</source>
            <translation>小组人手不足的大客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="194" />
            <source>My work</source>
            <translation>我的工作</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="162" />
            <source>No birthdays.</source>
            <translation>没有生日。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="171" />
            <source>No case is overdue.</source>
            <translation>没有逾期的案件。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="175" />
            <source>No contract ends soon.</source>
            <translation>近期没有到期的合同。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="163" />
            <source>No customer at risk.</source>
            <translation>没有有流失风险的客户。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="166" />
            <source>No deal is stuck.</source>
            <translation>没有停滞的商机。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="161" />
            <source>No follow-up due.</source>
            <translation>没有到期的回访。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="168" />
            <source>No open case.</source>
            <translation>没有未结案件。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="160" />
            <source>Nothing else due today.</source>
            <translation>今天没有其他到期事项。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="159" />
            <source>Nothing overdue.</source>
            <translation>没有逾期事项。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="168" />
            <source>Open complaint cases</source>
            <translation>未结投诉案件</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="159" />
            <source>Overdue</source>
            <translation>已逾期</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="170" />
            <source>Overdue cases of my team</source>
            <translation>我团队的逾期案件</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="111" />
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="101" />
            <source>Show:</source>
            <translation>显示：</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="359" />
            <source>Team: the owner alone</source>
            <translation>小组：只有负责人</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="361" />
            <source>Team: the owner and %n more</source>
            <translation>
                <numerusform>小组：负责人和另外 %n 人</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="388" />
            <source>The last good backup is %n day(s) old</source>
            <translation>
                <numerusform>最近一次有效备份是 %n 天前</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="383" />
            <source>There is no good backup of this database in %1.</source>
            <translation>%1 中没有此数据库的有效备份。</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="155" />
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="368" />
            <source>due %1</source>
            <translation>%1 到期</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="354" />
            <source>ends in %n day(s)</source>
            <translation>
                <numerusform>%n 天后到期</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="346" />
            <source>in %n day(s)</source>
            <translation>
                <numerusform>%n 天后</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="344" />
            <source>today</source>
            <translation>今天</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="498" />
            <source>… and %n more</source>
            <translation>
                <numerusform>… 还有 %n 项</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>UserDialog</name>
        <message>
            <location filename="../../app/ui/user_settings.py" line="176" />
            <source>Active</source>
            <translation>有效</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="180" />
            <source>Display name:</source>
            <translation>显示名称：</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="156" />
            <source>Edit user</source>
            <translation>编辑用户</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="170" />
            <source>May see money figures (amounts, balances)</source>
            <translation>可查看金额数据（金额、余额）</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="173" />
            <source>May sign in by the computer's login name</source>
            <translation>可使用电脑登录名登录</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="156" />
            <source>New user</source>
            <translation>新建用户</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="181" />
            <source>Role:</source>
            <translation>角色：</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="179" />
            <source>User name:</source>
            <translation>用户名：</translation>
        </message>
    </context>
    <context>
        <name>UserSettings</name>
        <message>
            <location filename="../../app/ui/user_settings.py" line="58" />
            <source>Administrator</source>
            <translation>管理员</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="59" />
            <source>Manager</source>
            <translation>经理</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="142" />
            <source>Password again:</source>
            <translation>再次输入密码：</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="141" />
            <source>Password:</source>
            <translation>密码：</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="60" />
            <source>Salesperson</source>
            <translation>销售员</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="146" />
            <source>The two passwords differ.</source>
            <translation>两次输入的密码不一致。</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="61" />
            <source>Viewer (reads only)</source>
            <translation>只读用户</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="134" />
            <source>at least %1 characters</source>
            <translation>至少 %1 个字符</translation>
        </message>
    </context>
    <context>
        <name>UserSettingsTab</name>
        <message>
            <location filename="../../app/ui/user_settings.py" line="623" />
            <source>%1 deactivated: their name stays on their work.</source>
            <translation>已停用 %1：其名字仍保留在其工作记录上。</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="401" />
            <source>Add…</source>
            <translation>添加…</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="429" />
            <source>Allow signing in by the computer's login name</source>
            <translation>允许使用电脑登录名登录</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="407" />
            <source>Deactivate</source>
            <translation>停用</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="402" />
            <source>Edit…</source>
            <translation>编辑…</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="410" />
            <source>Hand over work…</source>
            <translation>转交工作…</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="650" />
            <source>Handed over %1 customers, %2 open deals and %3 open tasks.</source>
            <translation>已转交 %1 位客户、%2 个进行中的商机和 %3 项未完成的待办。</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="426" />
            <source>Office rules</source>
            <translation>办公室规则</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="690" />
            <source>Office rules saved.</source>
            <translation>办公室规则已保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="611" />
            <source>Password of %1 removed.</source>
            <translation>已取消 %1 的密码。</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="611" />
            <source>Password of %1 set.</source>
            <translation>已设置 %1 的密码。</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="404" />
            <source>Password…</source>
            <translation>密码…</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="427" />
            <source>Salespeople see every customer, not only their own</source>
            <translation>销售员可查看所有客户，而不仅是自己的</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/user_settings.py" line="656" />
            <source>The team places on %n customer(s) went along.</source>
            <translation>
                <numerusform>%n 个客户的小组席位一并移交。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="572" />
            <source>User %1 added.</source>
            <translation>已添加用户 %1。</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="592" />
            <source>User %1 saved.</source>
            <translation>已保存用户 %1。</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="432" />
            <source>Users marked so in their settings then start without a password when their login name on this computer is their user name.</source>
            <translation>在用户设置中勾选此项的用户，当其电脑登录名与用户名相同时，启动时无需输入密码。</translation>
        </message>
    </context>
    <context>
        <name>UsersModel</name>
        <message>
            <location filename="../../app/ui/user_settings.py" line="77" />
            <source>Active</source>
            <translation>有效</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="119" />
            <source>Deactivated</source>
            <translation>已停用</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="72" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="111" />
            <source>No</source>
            <translation>否</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="115" />
            <source>None</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="75" />
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="74" />
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="76" />
            <source>Sees money</source>
            <translation>可看金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="115" />
            <source>Set</source>
            <translation>已设置</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="73" />
            <source>User name</source>
            <translation>用户名</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="111" />
            <source>Yes</source>
            <translation>是</translation>
        </message>
    </context>
    <context>
        <name>WelcomeDialog</name>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="83" />
            <source>Chinese (中文)</source>
            <translation>中文</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="186" />
            <source>Contract signing</source>
            <translation>签约</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="103" />
            <source>Customers:</source>
            <translation>客户数：</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="79" />
            <source>Demo data</source>
            <translation>演示数据</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="214" />
            <source>Demo data cancelled.</source>
            <translation>演示数据已取消。</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="85" />
            <source>English</source>
            <translation>英语 (English)</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="169" />
            <source>Generating demo data…</source>
            <translation>正在生成演示数据…</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="183" />
            <source>Initial contact</source>
            <translation>初次沟通</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="97" />
            <source>Load demo data</source>
            <translation>载入演示数据</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="71" />
            <source>Load demo data to look around with realistic customers, deals and orders, or start empty and enter your own.</source>
            <translation>载入演示数据，用逼真的客户、商机和订单先熟悉一下；或者从空白开始，录入您自己的数据。</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="188" />
            <source>Lost</source>
            <translation>输单</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="102" />
            <source>Names and places in:</source>
            <translation>姓名和地名使用：</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="185" />
            <source>Negotiation</source>
            <translation>商务洽谈</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="134" />
            <source>Password again:</source>
            <translation>再次输入密码：</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="133" />
            <source>Password:</source>
            <translation>密码：</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="182" />
            <source>Sales</source>
            <translation>销售</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="184" />
            <source>Sample / trial</source>
            <translation>样品测试</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="84" />
            <source>Spanish (Español)</source>
            <translation>西班牙语 (Español)</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="106" />
            <location filename="../../app/ui/welcome_dialog.py" line="128" />
            <source>Start empty</source>
            <translation>从空白开始</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="178" />
            <source>The two passwords differ.</source>
            <translation>两次输入的密码不一致。</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="64" />
            <source>This database is empty</source>
            <translation>此数据库为空</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="61" />
            <source>Welcome to Clientela</source>
            <translation>欢迎使用 Clientela</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="120" />
            <source>With a password, everyone signs in when the program starts. Without one, nobody is asked (add passwords later in Settings ▸ Users).</source>
            <translation>设置密码后，每个人在程序启动时都需登录；不设置则无需登录（之后可在 设置 ▸ 用户 中添加密码）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="187" />
            <source>Won</source>
            <translation>赢单</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="132" />
            <source>Your user name (administrator):</source>
            <translation>您的用户名（管理员）：</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="114" />
            <source>at least %1 characters</source>
            <translation>至少 %1 个字符</translation>
        </message>
    </context>
    <context>
        <name>WonAmountDialog</name>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="143" />
            <source>Deal won</source>
            <translation>赢单</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="152" />
            <source>Final amount</source>
            <translation>最终金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="170" />
            <source>Give the amount as a number</source>
            <translation>请以数字填写金额</translation>
        </message>
    </context>
    <context>
        <name>db</name>
        <message>
            <source>opened read-only</source>
            <translation>已以只读方式打开</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="692" />
            <source>this database is open read-only</source>
            <translation>此数据库以只读方式打开</translation>
        </message>
        <message>
            <source>this database was written by a newer version of Clientela; it is open read-only</source>
            <translation>此数据库由更新版本的 Clientela 写入，已以只读方式打开</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>Column</source>
            <translation>列</translation>
        </message>
        <message>
            <source>Errors</source>
            <translation>错误</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>行</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>值</translation>
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="157" />
            <source>a campaign is kept only when the source is a campaign</source>
            <translation>仅当来源为营销活动时才保留营销活动</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="621" />
            <source>a case is due in 0 to 365 days</source>
            <translation>投诉单期限为 0 到 365 天</translation>
        </message>
        <message>
            <location filename="../../app/services/contracts.py" line="93" />
            <source>a contract needs a number</source>
            <translation>合同需要编号</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="78" />
            <source>a cost cannot be negative</source>
            <translation>成本不能为负数</translation>
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="335" />
            <source>a customer cannot be merged with itself</source>
            <translation>客户不能与自身合并</translation>
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="190" />
            <source>a customer category has at most 60 characters</source>
            <translation>客户类别最多 60 个字符</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="438" />
            <source>a deal changes pipeline as it is: choose a stage of its state</source>
            <translation>商机按原状态更换销售流程：请选择与其状态相同的阶段</translation>
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="162" />
            <source>a deal needs a title</source>
            <translation>商机需要标题</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="91" />
            <source>a discount has at most two decimals</source>
            <translation>折扣最多两位小数</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="87" />
            <source>a discount is between 0 and 100 %, not {value}</source>
            <translation>折扣应在 0 到 100 % 之间，而不是 {value}</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="384" />
            <source>a display name has at most {n} characters</source>
            <translation>显示名称最多 {n} 个字符</translation>
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="163" />
            <location filename="../../app/services/importer.py" line="488" />
            <source>a licence plate has at most 20 characters</source>
            <translation>车牌最多 20 个字符</translation>
        </message>
        <message>
            <location filename="../../app/cli_orders.py" line="317" />
            <source>a line is PRODUCT:QTY[:PRICE[:DISCOUNT[:COST]]], not {spec}</source>
            <translation>订单行的格式是 产品:数量[:单价[:折扣[:成本]]]，而不是 {spec}</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="617" />
            <source>a multiplier is 0 to 100</source>
            <translation>倍数为 0 到 100</translation>
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="251" />
            <source>a new deal starts in an open stage</source>
            <translation>新商机必须从进行中的阶段开始</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="171" />
            <source>a password has at least {n} characters</source>
            <translation>密码至少 {n} 个字符</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="651" />
            <source>a payment cannot be dated before the customer existed ({day})</source>
            <translation>付款日期不能早于客户建档日期（{day}）</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="648" />
            <source>a payment is above zero</source>
            <translation>付款金额必须大于零</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="132" />
            <source>a pipeline named {name} exists already</source>
            <translation>已存在名为 {name} 的销售流程</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="129" />
            <source>a pipeline needs a name of at most 100 characters</source>
            <translation>销售流程需要名称，最多 100 个字符</translation>
        </message>
        <message>
            <location filename="../../app/services/products.py" line="102" />
            <source>a product needs a name</source>
            <translation>产品需要名称</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="76" />
            <source>a quantity has at most three decimals</source>
            <translation>数量最多三位小数</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="561" />
            <source>a return cannot be dated before its order ({day})</source>
            <translation>退货日期不能早于订单日期（{day}）</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="604" />
            <source>a return of {amount} is more than the {left} left to return on this order</source>
            <translation>退货金额 {amount} 超过了此订单剩余可退的 {left}</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="581" />
            <source>a return of {qty} is more than the {left} left of {what}</source>
            <translation>退货数量 {qty} 超过了 {what} 剩余的 {left}</translation>
        </message>
        <message>
            <location filename="../../app/cli_orders.py" line="420" />
            <source>a returned line is LINE_ID:QTY, not {spec}</source>
            <translation>退货行的格式是 行号:数量，而不是 {spec}</translation>
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="38" />
            <source>a server database is backed up with the server's own tools (pg_dump)</source>
            <translation>服务器数据库请使用服务器自带的工具备份 (pg_dump)</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="894" />
            <source>a stage is won or lost, not both</source>
            <translation>阶段只能是赢单或输单，不能两者都是</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="890" />
            <source>a stage needs a name of at most 100 characters</source>
            <translation>阶段需要名称，最多 100 个字符</translation>
        </message>
        <message>
            <location filename="../../app/services/statement.py" line="130" />
            <source>a statement covers at most twenty years</source>
            <translation>对账单最长覆盖二十年</translation>
        </message>
        <message>
            <location filename="../../app/services/statement.py" line="150" />
            <source>a statement of account shows money figures you may not see</source>
            <translation>对账单包含您无权查看的金额</translation>
        </message>
        <message>
            <location filename="../../app/services/activities.py" line="51" />
            <location filename="../../app/services/tasks.py" line="131" />
            <location filename="../../app/services/tasks.py" line="338" />
            <source>a time needs its time zone</source>
            <translation>时间需要带时区</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="618" />
            <source>a user cannot hand their work to themselves</source>
            <translation>用户不能把工作转交给自己</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="191" />
            <source>a user name has at most {n} characters</source>
            <translation>用户名最多 {n} 个字符</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="189" />
            <source>a user name is needed</source>
            <translation>需要用户名</translation>
        </message>
        <message>
            <location filename="../../app/services/teams.py" line="188" />
            <source>a viewer cannot be on an account's team</source>
            <translation>只读用户不能加入客户小组</translation>
        </message>
        <message>
            <location filename="../../app/services/access.py" line="118" />
            <source>a viewer cannot change anything</source>
            <translation>只读用户不能做任何修改</translation>
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="79" />
            <location filename="../../app/services/tasks.py" line="171" />
            <source>a viewer cannot change tasks</source>
            <translation>只读用户不能修改待办</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="672" />
            <source>a viewer cannot import customers</source>
            <translation>只读用户不能导入客户</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="133" />
            <source>a viewer cannot invite customers</source>
            <translation>只读用户不能邀请客户</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="630" />
            <source>a viewer cannot own customers</source>
            <translation>只读用户不能负责客户</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="285" />
            <source>activate the pipeline first</source>
            <translation>请先启用该销售流程</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="412" />
            <source>adjust by a whole number of points</source>
            <translation>调整积分须为整数</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="896" />
            <source>aging takes 0 to 3650 days</source>
            <translation>停滞天数为 0 到 3650 天</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="410" />
            <source>an adjustment needs its reason</source>
            <translation>调整积分须写明原因</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="229" />
            <source>an event needs a name</source>
            <translation>活动需要名称</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="243" />
            <source>an order numbered {number} exists already</source>
            <translation>编号为 {number} 的订单已存在</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="428" />
            <source>an order something was returned of cannot become a draft or be cancelled</source>
            <translation>已有退货的订单不能改为草稿或取消</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="403" />
            <source>an order stays with its customer</source>
            <translation>订单不能更换客户</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="350" />
            <source>an order's form shows prices and costs you may not see</source>
            <translation>订单表单包含您无权查看的价格和成本</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="171" />
            <source>another PC is writing to the database; try again in a moment</source>
            <translation>另一台电脑正在写入数据库，请稍后重试</translation>
        </message>
        <message>
            <location filename="../../app/services/contracts.py" line="96" />
            <source>another contract is numbered {number}</source>
            <translation>另一份合同的编号已是 {number}</translation>
        </message>
        <message>
            <location filename="../../app/services/products.py" line="127" />
            <source>another product has the code {code}</source>
            <translation>另一个产品已使用编码 {code}</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="96" />
            <source>at most two decimals</source>
            <translation>最多两位小数</translation>
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="678" />
            <location filename="../../app/services/validation.py" line="67" />
            <source>at most {max} characters (this has {n})</source>
            <translation>最多 {max} 个字符（当前 {n} 个）</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="306" />
            <source>bad date {text}: use YYYY-MM-DD</source>
            <translation>日期 {text} 有误：请使用 YYYY-MM-DD 格式</translation>
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="104" />
            <source>cannot export to {name}: use a .xlsx or .csv file</source>
            <translation>无法导出到 {name}：请使用 .xlsx 或 .csv 文件</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="263" />
            <source>cannot export {what}: choose one of {whats}</source>
            <translation>无法导出 {what}：请从 {whats} 中选择</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="397" />
            <source>cannot open the database {where}: {err}</source>
            <translation>无法打开数据库 {where}：{err}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="424" />
            <source>cannot prepare the database: {err}</source>
            <translation>无法准备数据库：{err}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="722" />
            <source>cannot read the mapping {path}: {reason}</source>
            <translation>无法读取映射 {path}：{reason}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="172" />
            <source>cannot read the sheet {sheet} of {file}: {reason}</source>
            <translation>无法读取 {file} 的工作表 {sheet}：{reason}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="238" />
            <source>cannot read {path}: permission denied</source>
            <translation>无法读取 {path}：没有权限</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="243" />
            <source>cannot read {path}: {err}</source>
            <translation>无法读取 {path}：{err}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="136" />
            <source>cannot read {path}: {reason}</source>
            <translation>无法读取 {path}：{reason}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="299" />
            <source>cannot use the database address {url}: {err}</source>
            <translation>无法使用数据库地址 {url}：{err}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="254" />
            <source>cannot write to the folder {folder}</source>
            <translation>无法写入文件夹 {folder}</translation>
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="132" />
            <location filename="../../app/reports/key_account_workbook.py" line="263" />
            <location filename="../../app/reports/monthly_workbook.py" line="561" />
            <location filename="../../app/reports/privacy_workbook.py" line="456" />
            <location filename="../../app/reports/statement_workbook.py" line="176" />
            <location filename="../../app/services/importer.py" line="1097" />
            <source>cannot write {path}: no such folder</source>
            <translation>无法写入 {path}：文件夹不存在</translation>
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="136" />
            <location filename="../../app/reports/key_account_workbook.py" line="344" />
            <location filename="../../app/reports/monthly_workbook.py" line="586" />
            <location filename="../../app/reports/privacy_workbook.py" line="516" />
            <location filename="../../app/reports/statement_workbook.py" line="276" />
            <source>cannot write {path}: {reason}</source>
            <translation>无法写入 {path}：{reason}</translation>
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="164" />
            <source>cannot write {path}: {reason} (is it open in another program?)</source>
            <translation>无法写入 {path}：{reason}（文件是否已在其他程序中打开？）</translation>
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="260" />
            <source>card {card} already belongs to {other}</source>
            <translation>会员卡 {card} 已属于 {other}</translation>
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="231" />
            <source>choose a customer for the deal</source>
            <translation>请为商机选择客户</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="427" />
            <source>choose an active pipeline</source>
            <translation>请选择已启用的销售流程</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="1030" />
            <source>choose another stage of the same pipeline</source>
            <translation>请选择同一流程中的其他阶段</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="616" />
            <source>choose who receives the work</source>
            <translation>请选择接收工作的人</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="100" />
            <location filename="../../app/services/customer_file.py" line="130" />
            <location filename="../../app/services/front_desk.py" line="85" />
            <location filename="../../app/services/loyalty.py" line="548" />
            <location filename="../../app/services/statement.py" line="155" />
            <source>customer {id} does not exist</source>
            <translation>客户 {id} 不存在</translation>
        </message>
        <message>
            <location filename="../../app/services/privacy.py" line="568" />
            <source>customer {number} was already erased on {day}</source>
            <translation>客户 {number} 已于 {day} 被抹除</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="957" />
            <source>deals are in this stage: move them before making it won or lost</source>
            <translation>此阶段中有商机：请先移走再将其设为赢单或输单阶段</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="1032" />
            <source>deals cannot be moved to lost without a reason</source>
            <translation>没有原因的商机不能移到输单</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="188" />
            <source>duplicates are skipped, updated or created, not {value}</source>
            <translation>重复项只能跳过、更新或新建，不能是 {value}</translation>
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="186" />
            <source>export cancelled</source>
            <translation>导出已取消</translation>
        </message>
        <message>
            <location filename="../../app/cli_orders.py" line="508" />
            <source>give --customer or --expiring</source>
            <translation>请给出 --customer 或 --expiring</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="57" />
            <source>give a number</source>
            <translation>请填写数字</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="111" />
            <source>give a threshold for every level</source>
            <translation>请为每个等级填写门槛</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="247" />
            <source>give a unit price</source>
            <translation>请填写单价</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="243" />
            <source>give a unit price or an amount</source>
            <translation>请填写单价或金额</translation>
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="206" />
            <source>give a whole number from {lo} to {hi}</source>
            <translation>请填写 {lo} 到 {hi} 之间的整数</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="269" />
            <source>give an amount</source>
            <translation>请填写金额</translation>
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="167" />
            <source>give an amount (0 or more)</source>
            <translation>请填写金额（0 或以上）</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="306" />
            <source>give every pipeline once</source>
            <translation>每个销售流程须且仅须给出一次</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="987" />
            <source>give every stage of the pipeline once</source>
            <translation>流程中的每个阶段都要且只能出现一次</translation>
        </message>
        <message>
            <location filename="../../app/cli_orders.py" line="341" />
            <source>give lines or an amount, not both</source>
            <translation>请填写订单行或金额，不要两者都填</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="597" />
            <source>give the amount returned</source>
            <translation>请填写退货金额</translation>
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="192" />
            <source>give the days as a whole number, 1 to 3650</source>
            <translation>天数请填写 1 到 3650 之间的整数</translation>
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="195" />
            <source>give the days for customers of any category</source>
            <translation>请填写适用于任意类别客户的天数</translation>
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="676" />
            <source>give the mapping a name</source>
            <translation>请为映射命名</translation>
        </message>
        <message>
            <location filename="../../app/services/monthly.py" line="66" />
            <source>give the month as YYYY-MM, e.g. 2026-03</source>
            <translation>月份请使用 YYYY-MM 格式，例如 2026-03</translation>
        </message>
        <message>
            <location filename="../../app/services/statement.py" line="119" />
            <source>give the period's first day</source>
            <translation>请填写期间的第一天</translation>
        </message>
        <message>
            <location filename="../../app/services/statement.py" line="121" />
            <source>give the period's last day</source>
            <translation>请填写期间的最后一天</translation>
        </message>
        <message>
            <location filename="../../app/services/server_move.py" line="68" />
            <source>give the server as postgresql+psycopg://user:password@host/database</source>
            <translation>请以 postgresql+psycopg://user:password@host/database 的形式填写服务器</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="363" />
            <source>give the year's target</source>
            <translation>请填写年度目标</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="274" />
            <location filename="../../app/services/product_import.py" line="325" />
            <source>import cancelled; nothing was written</source>
            <translation>导入已取消，未写入任何数据</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="191" />
            <source>line {n}: give a product or a description</source>
            <translation>第 {n} 行：请填写产品或说明</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="201" />
            <source>line {n}: give a unit price</source>
            <translation>第 {n} 行：请填写单价</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="189" />
            <source>line {n}: no such product</source>
            <translation>第 {n} 行：没有此产品</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="420" />
            <source>line {n}: {qty} were returned already</source>
            <translation>第 {n} 行：已退回 {qty}</translation>
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="390" />
            <location filename="../../app/reports/export.py" line="396" />
            <source>more than {n} rows do not fit on a sheet: export to .csv or fewer rows</source>
            <translation>一个工作表放不下超过 {n} 行：请导出为 .csv 或减少行数</translation>
        </message>
        <message>
            <location filename="../../app/cli_users.py" line="251" />
            <source>no action {action}: choose one of {choices}</source>
            <translation>没有操作 {action}：请从 {choices} 中选择</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="97" />
            <location filename="../../app/services/cases.py" line="76" />
            <source>no active user with this id</source>
            <translation>没有此 ID 的有效用户</translation>
        </message>
        <message>
            <location filename="../../app/cli.py" line="463" />
            <location filename="../../app/cli.py" line="468" />
            <location filename="../../app/cli_loyalty.py" line="75" />
            <location filename="../../app/cli_session.py" line="44" />
            <source>no active user {name}</source>
            <translation>没有有效用户 {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="111" />
            <source>no backup at {path}</source>
            <translation>{path} 没有备份</translation>
        </message>
        <message>
            <location filename="../../app/services/campaign_audience.py" line="94" />
            <source>no campaign called {name}</source>
            <translation>没有名为 {name} 的营销活动</translation>
        </message>
        <message>
            <location filename="../../app/services/campaign_audience.py" line="77" />
            <source>no campaign with the id {id}</source>
            <translation>没有编号为 {id} 的营销活动</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="395" />
            <source>no column is mapped to the customer's name; map one (Name, 姓名, Nombre…)</source>
            <translation>没有列对应到客户姓名；请指定一列（Name、姓名、Nombre…）</translation>
        </message>
        <message>
            <location filename="../../app/services/teams.py" line="273" />
            <source>no contact person {name}</source>
            <translation>没有联系人 {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/contracts.py" line="305" />
            <source>no contract {ref}</source>
            <translation>没有合同 {ref}</translation>
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="174" />
            <location filename="../../app/services/privacy.py" line="245" />
            <source>no customer with the number or id {ref}</source>
            <translation>没有编号或 ID 为 {ref} 的客户</translation>
        </message>
        <message>
            <location filename="../../app/cli_key_accounts.py" line="64" />
            <location filename="../../app/services/key_accounts.py" line="95" />
            <location filename="../../app/services/key_accounts.py" line="136" />
            <location filename="../../app/services/teams.py" line="114" />
            <source>no customer {name}</source>
            <translation>没有客户 {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="223" />
            <source>no customer {ref}</source>
            <translation>没有客户 {ref}</translation>
        </message>
        <message>
            <location filename="../../app/cli_loyalty.py" line="95" />
            <source>no customer {value}</source>
            <translation>没有客户 {value}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="250" />
            <source>no database at {path}</source>
            <translation>{path} 没有数据库</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="132" />
            <source>no file {path}</source>
            <translation>文件 {path} 不存在</translation>
        </message>
        <message>
            <location filename="../../app/cli_orders.py" line="430" />
            <source>no order {ref}</source>
            <translation>没有订单 {ref}</translation>
        </message>
        <message>
            <location filename="../../app/cli.py" line="401" />
            <source>no pipeline named {name} (there are: {names})</source>
            <translation>没有名为 {name} 的销售流程（现有：{names}）</translation>
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="163" />
            <location filename="../../app/services/tasks.py" line="384" />
            <location filename="../../app/services/teams.py" line="186" />
            <source>no such active user</source>
            <translation>没有这个有效用户</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="141" />
            <source>no such pipeline</source>
            <translation>没有该销售流程</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="338" />
            <source>no tag called {name}</source>
            <translation>没有名为 {name} 的标签</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="363" />
            <location filename="../../app/services/users.py" line="508" />
            <location filename="../../app/services/users.py" line="536" />
            <location filename="../../app/services/users.py" line="624" />
            <source>no user {name}</source>
            <translation>没有用户 {name}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="223" />
            <source>not a valid database address: {url}</source>
            <translation>不是有效的数据库地址：{url}</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="557" />
            <source>nothing can be returned of a draft or cancelled order</source>
            <translation>草稿或已取消的订单不能退货</translation>
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="342" />
            <source>one of the two customers no longer exists</source>
            <translation>两位客户中有一位已不存在</translation>
        </message>
        <message>
            <location filename="../../app/services/cases.py" line="168" />
            <source>only a manager gives cases to another person</source>
            <translation>只有经理可以把案件转给他人</translation>
        </message>
        <message>
            <location filename="../../app/services/access.py" line="161" />
            <source>only a manager gives customers to another salesperson</source>
            <translation>只有经理可以把客户转给其他销售员</translation>
        </message>
        <message>
            <location filename="../../app/services/access.py" line="146" />
            <source>only a manager or an administrator may {what}</source>
            <translation>只有经理或管理员可以{what}</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="665" />
            <location filename="../../app/services/targets.py" line="670" />
            <location filename="../../app/services/tasks.py" line="482" />
            <source>only a manager sees other people's work</source>
            <translation>只有经理可以查看他人的工作</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="389" />
            <source>only a member with a card has points</source>
            <translation>只有持卡会员才有积分</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="77" />
            <source>only a sales target can be by product category</source>
            <translation>只有销售额目标可以按产品类别细分</translation>
        </message>
        <message>
            <location filename="../../app/services/access.py" line="153" />
            <source>only an administrator may {what}</source>
            <translation>只有管理员可以{what}</translation>
        </message>
        <message>
            <location filename="../../app/services/settings.py" line="38" />
            <source>only an administrator or a manager changes office settings</source>
            <translation>只有管理员或经理可以修改办公室设置</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="123" />
            <source>only an administrator or a manager changes the pipelines</source>
            <translation>只有管理员或经理可以修改销售流程</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="884" />
            <source>only an administrator or a manager changes the stages</source>
            <translation>只有管理员或经理可以修改阶段</translation>
        </message>
        <message>
            <location filename="../../app/services/teams.py" line="101" />
            <source>only the owner or a manager changes an account's team</source>
            <translation>只有负责人或经理可以调整客户小组</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="392" />
            <source>only {balance} points to redeem</source>
            <translation>只有 {balance} 积分可兑换</translation>
        </message>
        <message>
            <source>opened read-only</source>
            <translation>已以只读方式打开</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="220" />
            <source>order {n} has no customer</source>
            <translation>订单 {n} 没有客户</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="229" />
            <source>order {n} has no date</source>
            <translation>订单 {n} 没有日期</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="619" />
            <source>points expire after 0 to 120 months</source>
            <translation>积分有效期为 0 到 120 个月</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="118" />
            <source>points per unit must be zero or more</source>
            <translation>每单位积分不能为负数</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="382" />
            <source>redeem a whole number of points above zero</source>
            <translation>兑换积分须为大于零的整数</translation>
        </message>
        <message>
            <location filename="../../app/cli.py" line="632" />
            <source>restore works on database files; use the server's tools for a server</source>
            <translation>恢复仅适用于数据库文件；服务器请使用服务器自带的工具</translation>
        </message>
        <message>
            <location filename="../../app/services/products.py" line="245" />
            <source>row {row}: {problem}</source>
            <translation>第 {row} 行：{problem}</translation>
        </message>
        <message>
            <location filename="../../app/services/activities.py" line="49" />
            <location filename="../../app/services/cases.py" line="193" />
            <location filename="../../app/services/tasks.py" line="248" />
            <source>satisfaction is scored 1 to 5</source>
            <translation>满意度为 1 到 5 分</translation>
        </message>
        <message>
            <location filename="../../app/cli_audience.py" line="63" />
            <source>say how they are reached: --channel phone, sms, email or post</source>
            <translation>请说明联系方式：--channel phone、sms、email 或 post</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="74" />
            <source>say which {dimension}</source>
            <translation>请指明是哪个{dimension}</translation>
        </message>
        <message>
            <location filename="../../app/cli_key_accounts.py" line="104" />
            <source>say who: --with USER, or --with none</source>
            <translation>请指定对口人：--with 用户名，或 --with none</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="507" />
            <source>say why the deal was lost</source>
            <translation>请说明丢单原因</translation>
        </message>
        <message>
            <location filename="../../app/services/concurrency.py" line="18" />
            <source>someone else deleted this record meanwhile</source>
            <translation>在此期间其他人删除了这条记录</translation>
        </message>
        <message>
            <location filename="../../app/services/concurrency.py" line="20" />
            <source>someone else saved this record meanwhile (your version {seen}, now {now})</source>
            <translation>在此期间其他人保存了这条记录（您的版本 {seen}，当前 {now}）</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="351" />
            <source>spread {value}: even or last_year</source>
            <translation>分解方式 {value}：只能是 even 或 last_year</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="250" />
            <source>that contract is not this customer's</source>
            <translation>该合同不属于这个客户</translation>
        </message>
        <message>
            <location filename="../../app/services/contracts.py" line="110" />
            <source>that deal is not this customer's</source>
            <translation>该商机不属于这个客户</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="409" />
            <location filename="../../app/services/orders.py" line="576" />
            <source>that line is not on this order</source>
            <translation>该行不属于此订单</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="374" />
            <source>that pipeline has no lost stage</source>
            <translation>该销售流程没有“输单”阶段</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="383" />
            <source>that pipeline has no open stage</source>
            <translation>该销售流程没有进行中的阶段</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="374" />
            <source>that pipeline has no won stage</source>
            <translation>该销售流程没有“赢单”阶段</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="503" />
            <source>that stage is not in this deal's pipeline</source>
            <translation>该阶段不属于此商机的流程</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="435" />
            <source>that stage is not in this pipeline</source>
            <translation>该阶段不属于此销售流程</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="290" />
            <location filename="../../app/services/validation.py" line="98" />
            <source>the amount is too large</source>
            <translation>金额过大</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="251" />
            <source>the amount {amount} is not quantity × price ({line})</source>
            <translation>金额 {amount} 不等于数量 × 单价（{line}）</translation>
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="90" />
            <source>the backup cannot overwrite the database itself</source>
            <translation>备份不能覆盖数据库本身</translation>
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="100" />
            <source>the backup did not check out ({why}); nothing was kept</source>
            <translation>备份校验未通过（{why}），未保留任何文件</translation>
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="96" />
            <source>the backup failed: {err}</source>
            <translation>备份失败：{err}</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="418" />
            <source>the balance cannot go below zero</source>
            <translation>积分余额不能低于零</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="75" />
            <source>the campaign ends before it starts</source>
            <translation>营销活动的结束日期早于开始日期</translation>
        </message>
        <message>
            <location filename="../../app/services/contracts.py" line="106" />
            <source>the contract ends before it starts</source>
            <translation>合同的结束日期早于开始日期</translation>
        </message>
        <message>
            <location filename="../../app/reports/privacy_workbook.py" line="451" />
            <source>the copy of a person's data is a .xlsx file, not {name}</source>
            <translation>个人资料副本必须是 .xlsx 文件，而不是 {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="410" />
            <source>the customer has payments more than 30 days overdue (the oldest {days} days)</source>
            <translation>该客户有款项已逾期超过 30 天（最久 {days} 天）</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="453" />
            <source>the customer has {late} more than 30 days overdue (the oldest {days} days)</source>
            <translation>该客户有 {late} 已逾期超过 30 天（最久 {days} 天）</translation>
        </message>
        <message>
            <location filename="../../app/services/demo.py" line="147" />
            <source>the database already holds customers; demo data goes into an empty database</source>
            <translation>数据库中已有客户；演示数据只能载入空数据库</translation>
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="124" />
            <source>the database is in use by another PC; close Clientela there and try again</source>
            <translation>数据库正被另一台电脑使用；请在那台电脑上关闭 Clientela 后重试</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="395" />
            <location filename="../../app/db.py" line="423" />
            <source>the database is locked by another PC; try again</source>
            <translation>数据库被另一台电脑锁定，请重试</translation>
        </message>
        <message>
            <location filename="../../app/services/server_move.py" line="66" />
            <source>the database to move is already on a server</source>
            <translation>要迁移的数据库已在服务器上</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="237" />
            <source>the date is not a day</source>
            <translation>日期无效</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="239" />
            <source>the date {day} is out of range</source>
            <translation>日期 {day} 超出范围</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="78" />
            <source>the date {value} is in the future</source>
            <translation>日期 {value} 在未来</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="80" />
            <source>the date {value} is too far in the past</source>
            <translation>日期 {value} 过于久远</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="429" />
            <source>the deal is already in this pipeline</source>
            <translation>该商机已在此销售流程中</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="505" />
            <source>the deal is already in this stage</source>
            <translation>商机已在此阶段</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="247" />
            <source>the default pipeline cannot be deactivated</source>
            <translation>默认销售流程不能停用</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="330" />
            <source>the default pipeline cannot be deleted</source>
            <translation>默认销售流程不能删除</translation>
        </message>
        <message>
            <location filename="../../app/services/cases.py" line="88" />
            <source>the due date is in the past</source>
            <translation>到期日期已过</translation>
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="213" />
            <source>the factor is a number from 1 to 20</source>
            <translation>倍数为 1 到 20 之间的数字</translation>
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="747" />
            <source>the file has no column {column}</source>
            <translation>文件中没有列 {column}</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="211" />
            <location filename="../../app/services/exports.py" line="270" />
            <location filename="../../app/services/satisfaction.py" line="197" />
            <source>the first day {first} comes after the last day {last}</source>
            <translation>开始日期 {first} 晚于结束日期 {last}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="252" />
            <location filename="../../app/services/backup.py" line="92" />
            <source>the folder {folder} does not exist</source>
            <translation>文件夹 {folder} 不存在</translation>
        </message>
        <message>
            <location filename="../../app/reports/key_account_workbook.py" line="260" />
            <source>the key-account cards are a .xlsx file, not {name}</source>
            <translation>大客户卡片须存为 .xlsx 文件，而不是 {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="726" />
            <source>the mapping {path} is not JSON: {reason}</source>
            <translation>映射 {path} 不是 JSON：{reason}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="732" />
            <source>the mapping {path} must be an object of column: field</source>
            <translation>映射 {path} 必须是“列: 字段”形式的对象</translation>
        </message>
        <message>
            <location filename="../../app/services/margins.py" line="98" />
            <source>the margins report shows money figures you may not see</source>
            <translation>毛利报表包含您无权查看的金额</translation>
        </message>
        <message>
            <location filename="../../app/reports/monthly_workbook.py" line="558" />
            <source>the monthly workbook is a .xlsx file, not {name}</source>
            <translation>月度工作簿必须是 .xlsx 文件，而不是 {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/monthly.py" line="625" />
            <source>the monthly workbook shows money figures you may not see</source>
            <translation>月度工作簿包含您无权查看的金额数据</translation>
        </message>
        <message>
            <location filename="../../app/services/server_move.py" line="112" />
            <source>the move was cancelled; nothing was kept on the server</source>
            <translation>迁移已取消，服务器上未保留任何数据</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="231" />
            <source>the name is too long (at most {limit} characters)</source>
            <translation>名称过长（最多 {limit} 个字符）</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="248" />
            <source>the notes are too long (at most {limit} characters)</source>
            <translation>备注过长（最多 {limit} 个字符）</translation>
        </message>
        <message>
            <location filename="../../app/services/demo.py" line="142" />
            <source>the number of demo customers cannot be negative</source>
            <translation>演示客户数不能为负数</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="479" />
            <location filename="../../app/services/users.py" line="542" />
            <source>the office needs at least one active administrator</source>
            <translation>办公室至少需要一名有效的管理员</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="433" />
            <source>the order cannot come to less than the {amount} returned of it</source>
            <translation>订单金额不能低于已退回的 {amount}</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="252" />
            <source>the order is due before its date</source>
            <translation>订单到期日早于订单日期</translation>
        </message>
        <message>
            <location filename="../../app/services/margins.py" line="76" />
            <location filename="../../app/services/statement.py" line="123" />
            <source>the period ends ({end}) before it starts ({start})</source>
            <translation>期间的结束日期（{end}）早于开始日期（{start}）</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="25" />
            <source>the phone number is too long</source>
            <translation>电话号码过长</translation>
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="143" />
            <location filename="../../app/services/deals.py" line="147" />
            <location filename="../../app/services/pipeline.py" line="892" />
            <source>the probability is a percentage, 0 to 100</source>
            <translation>概率为 0 到 100 的百分比</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="58" />
            <source>the program's migrations folder is missing; reinstall Clientela</source>
            <translation>程序的迁移文件夹缺失，请重新安装 Clientela</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="78" />
            <source>the quantity is too large</source>
            <translation>数量过大</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="72" />
            <source>the quantity must be above zero, not {value}</source>
            <translation>数量必须大于零，而不是 {value}</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="496" />
            <source>the reason is too long</source>
            <translation>原因过长</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="628" />
            <source>the receiving user must be active</source>
            <translation>接收工作的用户必须是有效用户</translation>
        </message>
        <message>
            <location filename="../../app/services/server_move.py" line="82" />
            <source>the server database already holds an office; give an empty one</source>
            <translation>服务器数据库中已有办公室数据；请提供一个空数据库</translation>
        </message>
        <message>
            <location filename="../../app/services/server_move.py" line="74" />
            <source>the server database is at schema {theirs} and this file at {ours}; use the same version of Clientela for both</source>
            <translation>服务器数据库的架构为 {theirs}，本文件为 {ours}；请两边使用相同版本的 Clientela</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="331" />
            <source>the sheet {sheet} has no row {row}</source>
            <translation>工作表 {sheet} 没有第 {row} 行</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="1159" />
            <source>the sheet {sheet} has no rows under its header</source>
            <translation>工作表 {sheet} 的表头下没有数据行</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="336" />
            <source>the sheet {sheet} is empty</source>
            <translation>工作表 {sheet} 为空</translation>
        </message>
        <message>
            <location filename="../../app/reports/statement_workbook.py" line="173" />
            <source>the statement is a .xlsx file, not {name}</source>
            <translation>对账单须保存为 .xlsx 文件，而不是 {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/server_move.py" line="72" />
            <source>the target is not a server database</source>
            <translation>目标不是服务器数据库</translation>
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="154" />
            <source>the text is too long</source>
            <translation>文本过长</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="113" />
            <source>the thresholds must rise from ordinary to VIP</source>
            <translation>门槛须从普通到 VIP 逐级升高</translation>
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="164" />
            <source>the title is too long</source>
            <translation>标题过长</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="112" />
            <location filename="../../app/services/users.py" line="419" />
            <location filename="../../app/services/users.py" line="473" />
            <source>the user name {username} is taken</source>
            <translation>用户名 {username} 已被使用</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="220" />
            <source>the window is 0 to 3650 days</source>
            <translation>时间窗口为 0 到 3650 天</translation>
        </message>
        <message>
            <location filename="../../app/services/key_accounts.py" line="467" />
            <location filename="../../app/services/monthly.py" line="632" />
            <source>the workbook was cancelled; no file was written</source>
            <translation>工作簿已取消，未写入文件</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="278" />
            <source>there is already an event called {name} on that day</source>
            <translation>当天已有名为 {name} 的活动</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="254" />
            <source>there is no user {value}</source>
            <translation>没有用户 {value}</translation>
        </message>
        <message>
            <location filename="../../app/services/cases.py" line="102" />
            <source>this activity is not the customer's</source>
            <translation>该跟进记录不属于此客户</translation>
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="270" />
            <location filename="../../app/services/invitations.py" line="374" />
            <source>this campaign no longer exists</source>
            <translation>该营销活动已不存在</translation>
        </message>
        <message>
            <location filename="../../app/services/cases.py" line="143" />
            <location filename="../../app/services/cases.py" line="199" />
            <source>this case is resolved already</source>
            <translation>该案件已解决</translation>
        </message>
        <message>
            <location filename="../../app/services/cases.py" line="128" />
            <location filename="../../app/services/cases.py" line="344" />
            <source>this case no longer exists</source>
            <translation>该案件已不存在</translation>
        </message>
        <message>
            <location filename="../../app/services/contracts.py" line="156" />
            <location filename="../../app/services/contracts.py" line="187" />
            <source>this contract no longer exists</source>
            <translation>该合同已不存在</translation>
        </message>
        <message>
            <location filename="../../app/services/access.py" line="111" />
            <source>this customer belongs to another salesperson</source>
            <translation>该客户属于其他销售员</translation>
        </message>
        <message>
            <location filename="../../app/services/activities.py" line="57" />
            <location filename="../../app/services/cases.py" line="94" />
            <location filename="../../app/services/contracts.py" line="137" />
            <location filename="../../app/services/credit.py" line="334" />
            <location filename="../../app/services/front_desk.py" line="193" />
            <location filename="../../app/services/loyalty.py" line="358" />
            <location filename="../../app/services/orders.py" line="231" />
            <location filename="../../app/services/orders.py" line="645" />
            <location filename="../../app/services/reminders.py" line="910" />
            <location filename="../../app/services/tasks.py" line="150" />
            <source>this customer no longer exists</source>
            <translation>该客户已不存在</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="140" />
            <source>this customer was not invited to this campaign</source>
            <translation>该客户未被邀请参加此营销活动</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="165" />
            <source>this database is open read-only</source>
            <translation>此数据库以只读方式打开</translation>
        </message>
        <message>
            <source>this database was written by a newer version of Clientela; it is open read-only</source>
            <translation>此数据库由更新版本的 Clientela 写入，已以只读方式打开</translation>
        </message>
        <message>
            <location filename="../../app/services/access.py" line="140" />
            <location filename="../../app/services/audit.py" line="256" />
            <location filename="../../app/services/deals.py" line="82" />
            <source>this deal belongs to another salesperson</source>
            <translation>该商机属于其他销售员</translation>
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="155" />
            <source>this deal no longer exists</source>
            <translation>该商机已不存在</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="424" />
            <source>this event no longer exists</source>
            <translation>该活动已不存在</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="64" />
            <source>this field is required</source>
            <translation>此项为必填</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="347" />
            <location filename="../../app/services/orders.py" line="554" />
            <location filename="../../app/services/orders.py" line="762" />
            <source>this order no longer exists</source>
            <translation>该订单已不存在</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="406" />
            <source>this order takes the customer over their credit limit</source>
            <translation>这张订单会使客户超过信用额度</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="443" />
            <source>this order takes what the customer owes to {after}, over the credit limit of {limit} (owed now {owed})</source>
            <translation>这张订单会使客户欠款达到 {after}，超过信用额度 {limit}（目前欠款 {owed}）</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="945" />
            <source>this pipeline already has a lost stage</source>
            <translation>此流程已有输单阶段</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="945" />
            <source>this pipeline already has a won stage</source>
            <translation>此流程已有赢单阶段</translation>
        </message>
        <message>
            <location filename="../../app/services/products.py" line="158" />
            <source>this product no longer exists</source>
            <translation>该产品已不存在</translation>
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="81" />
            <source>this task belongs to someone else</source>
            <translation>该待办属于其他人</translation>
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="259" />
            <location filename="../../app/services/tasks.py" line="348" />
            <source>this task is already done</source>
            <translation>该待办已完成</translation>
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="256" />
            <location filename="../../app/services/tasks.py" line="345" />
            <location filename="../../app/services/tasks.py" line="389" />
            <source>this task no longer exists</source>
            <translation>该待办已不存在</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="269" />
            <source>too many wrong passwords: try again in {seconds} s</source>
            <translation>密码错误次数过多：请在 {seconds} 秒后重试</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="89" />
            <source>unknown RFM segment {value}</source>
            <translation>未知的 RFM 细分 {value}</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="65" />
            <source>unknown campaign kind {kind}</source>
            <translation>未知的营销活动类型 {kind}</translation>
        </message>
        <message>
            <location filename="../../app/services/cases.py" line="274" />
            <source>unknown case status {status}</source>
            <translation>未知的案件状态 {status}</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="71" />
            <location filename="../../app/services/invitations.py" line="83" />
            <location filename="../../app/services/invitations.py" line="243" />
            <source>unknown channel {channel}</source>
            <translation>未知渠道 {channel}</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="87" />
            <source>unknown class {value}</source>
            <translation>未知分类 {value}</translation>
        </message>
        <message>
            <location filename="../../app/services/demo.py" line="136" />
            <source>unknown demo locale {locale}; choose one of {choices}</source>
            <translation>未知的演示语言 {locale}；请从 {choices} 中选择</translation>
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="739" />
            <source>unknown field {key} in {path}; fields: {fields}</source>
            <translation>{path} 中的字段 {key} 未知；可用字段：{fields}</translation>
        </message>
        <message>
            <location filename="../../app/cli_targets.py" line="114" />
            <location filename="../../app/services/access.py" line="45" />
            <source>unknown or deactivated user</source>
            <translation>用户不存在或已停用</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="294" />
            <source>unknown owner {name}</source>
            <translation>未知负责人 {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="127" />
            <source>unknown response {response}</source>
            <translation>未知的响应 {response}</translation>
        </message>
        <message>
            <location filename="../../app/cli_session.py" line="54" />
            <source>user {name} has a password: put it in the environment variable {variable}</source>
            <translation>用户 {name} 设有密码：请将其放入环境变量 {variable}</translation>
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="261" />
            <source>what came of it?</source>
            <translation>结果如何？</translation>
        </message>
        <message>
            <location filename="../../app/services/campaign_audience.py" line="85" />
            <source>which campaign? give its name or id</source>
            <translation>哪个营销活动？请给出名称或编号</translation>
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="901" />
            <source>why was the customer lost?</source>
            <translation>客户为什么流失？</translation>
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="899" />
            <source>won back, lost or ended</source>
            <translation>已挽回、已流失或已解除关系</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="266" />
            <location filename="../../app/services/users.py" line="305" />
            <source>wrong user name or password</source>
            <translation>用户名或密码错误</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="481" />
            <location filename="../../app/services/users.py" line="540" />
            <source>you cannot deactivate yourself</source>
            <translation>您不能停用自己</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="1022" />
            <source>{count} deal(s) are in this stage: choose where they go</source>
            <translation>此阶段中有 {count} 个商机：请选择移到哪里</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="336" />
            <source>{count} deal(s) are or were in this pipeline: deactivate it instead</source>
            <translation>此销售流程中有或曾有 {count} 个商机：请改为停用</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="257" />
            <source>{count} open deal(s) are in this pipeline: move or close them first</source>
            <translation>此销售流程中有 {count} 个进行中的商机：请先移走或关闭</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="153" />
            <source>{file} cannot be read as a spreadsheet: {reason}</source>
            <translation>{file} 无法作为电子表格读取：{reason}</translation>
        </message>
        <message>
            <location filename="../../app/services/product_import.py" line="273" />
            <source>{file} has no product name column (looked for name, 名称, 品名, nombre…); its columns: {headers}</source>
            <translation>{file} 没有产品名称列（查找了 name、名称、品名、nombre…）；其列为：{headers}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="95" />
            <source>{file} has no sheet {sheet}; its sheets: {names}</source>
            <translation>{file} 中没有工作表 {sheet}；现有工作表：{names}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="166" />
            <source>{file} has no sheets</source>
            <translation>{file} 中没有工作表</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="140" />
            <source>{file} is empty</source>
            <translation>{file} 为空</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="186" />
            <source>{file} is not a spreadsheet or a CSV text file</source>
            <translation>{file} 不是电子表格或 CSV 文本文件</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="136" />
            <source>{file}: no sheet has order number, product and quantity columns</source>
            <translation>{file}：没有一个工作表同时有订单号、产品和数量列</translation>
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="114" />
            <source>{path} cannot be restored: {why}</source>
            <translation>{path} 无法恢复：{why}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="235" />
            <source>{path} is a folder, not a database file</source>
            <translation>{path} 是文件夹，不是数据库文件</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="134" />
            <source>{path} is a folder, not a file</source>
            <translation>{path} 是文件夹，不是文件</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="247" />
            <source>{path} is not a Clientela database</source>
            <translation>{path} 不是 Clientela 数据库</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="211" />
            <source>{sheet}, row {row}: {problem}</source>
            <translation>{sheet}，第 {row} 行：{problem}</translation>
        </message>
        <message>
            <location filename="../../app/services/server_move.py" line="127" />
            <source>{table}: {got} rows on the server, {want} in the file; nothing was kept</source>
            <translation>{table}：服务器上 {got} 行，文件中 {want} 行；未保留任何数据</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="286" />
            <source>{value} has more than {n} decimals</source>
            <translation>{value} 的小数超过 {n} 位</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="280" />
            <source>{value} is below zero</source>
            <translation>{value} 小于零</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="353" />
            <source>{value} is neither a person nor a company</source>
            <translation>{value} 既不是个人也不是公司</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="902" />
            <source>{value} is not a colour such as #4fc3f7</source>
            <translation>{value} 不是 #4fc3f7 这样的颜色</translation>
        </message>
        <message>
            <location filename="../../app/services/contracts.py" line="102" />
            <source>{value} is not a contract status</source>
            <translation>{value} 不是合同状态</translation>
        </message>
        <message>
            <location filename="../../app/services/office.py" line="145" />
            <source>{value} is not a country code such as CN, ES or MX</source>
            <translation>{value} 不是 CN、ES 或 MX 这样的国家代码</translation>
        </message>
        <message>
            <location filename="../../app/services/office.py" line="138" />
            <source>{value} is not a currency code such as CNY, EUR or USD</source>
            <translation>{value} 不是 CNY、EUR 或 USD 这样的货币代码</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="316" />
            <location filename="../../app/services/importer.py" line="321" />
            <location filename="../../app/services/importer.py" line="329" />
            <source>{value} is not a date</source>
            <translation>{value} 不是日期</translation>
        </message>
        <message>
            <location filename="../../app/services/office.py" line="151" />
            <source>{value} is not a language the office can use ({choices})</source>
            <translation>{value} 不是办公室可用的语言（{choices}）</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="480" />
            <source>{value} is not a membership level</source>
            <translation>{value} 不是会员等级</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="63" />
            <location filename="../../app/services/orders.py" line="65" />
            <source>{value} is not a number</source>
            <translation>{value} 不是数字</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="29" />
            <source>{value} is not a phone number</source>
            <translation>{value} 不是电话号码</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="31" />
            <source>{value} is not a possible phone number</source>
            <translation>{value} 不可能是电话号码</translation>
        </message>
        <message>
            <location filename="../../app/services/products.py" line="106" />
            <location filename="../../app/services/targets.py" line="83" />
            <source>{value} is not a product category</source>
            <translation>{value} 不是产品类别</translation>
        </message>
        <message>
            <location filename="../../app/services/product_import.py" line="301" />
            <source>{value} is not a product category (fuel, vehicle, accessory, service, parts, other)</source>
            <translation>{value} 不是产品类别（油品、车型、配件用品、服务、零部件、其他）</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="66" />
            <source>{value} is not a target dimension (category, region)</source>
            <translation>{value} 不是目标细分维度（category、region）</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="56" />
            <source>{value} is not a target measure (sales, collections, new_customers)</source>
            <translation>{value} 不是目标指标（sales、collections、new_customers）</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="301" />
            <source>{value} is not a whole number</source>
            <translation>{value} 不是整数</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="353" />
            <source>{value} is not a year</source>
            <translation>{value} 不是年份</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="276" />
            <location filename="../../app/services/credit.py" line="278" />
            <location filename="../../app/services/validation.py" line="92" />
            <location filename="../../app/services/validation.py" line="94" />
            <source>{value} is not an amount</source>
            <translation>{value} 不是金额</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="56" />
            <source>{value} is not an email address</source>
            <translation>{value} 不是电子邮件地址</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="303" />
            <source>{value} is not between {low} and {high}</source>
            <translation>{value} 不在 {low} 到 {high} 之间</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="469" />
            <source>{value} looks mistyped (did you mean .com or .org?)</source>
            <translation>{value} 似乎有拼写错误（是否应为 .com 或 .org？）</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="283" />
            <source>{value}: this currency has no decimals</source>
            <translation>{value}：此货币没有小数</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="412" />
            <source>{what} cannot be removed: some of it came back</source>
            <translation>{what} 不能删除：其中部分已退货</translation>
        </message>
        <message>
            <location filename="../../app/services/product_import.py" line="369" />
            <source>{what} is on row {row} already</source>
            <translation>{what} 已在第 {row} 行</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="404" />
            <source>{where} is not a Clientela database</source>
            <translation>{where} 不是 Clientela 数据库</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="446" />
            <source>{where} was written by a newer version of Clientela (schema {rev}); update Clientela to change it</source>
            <translation>{where} 由更新版本的 Clientela 写入（架构 {rev}）；请更新 Clientela 后再修改</translation>
        </message>
    </context>
    <context>
        <name>labels</name>
        <message>
            <location filename="../../app/ui/labels.py" line="40" />
            <source>Accessory</source>
            <translation>配件用品</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="78" />
            <source>Adjusted</source>
            <translation>调整</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="35" />
            <source>Advertising</source>
            <translation>广告</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="50" />
            <source>At risk</source>
            <translation>有流失风险</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="31" />
            <source>Bought</source>
            <translation>已购买</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="62" />
            <source>Call</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="29" />
            <source>Call round</source>
            <translation>电话营销</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="30" />
            <source>Came</source>
            <translation>已到场</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="26" />
            <source>Campaign</source>
            <translation>营销活动</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="89" />
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="95" />
            <source>Card</source>
            <translation>银行卡</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="94" />
            <source>Cash</source>
            <translation>现金</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="97" />
            <source>Cheque</source>
            <translation>支票</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="100" />
            <source>Coach / bus</source>
            <translation>客车</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="22" />
            <source>Company</source>
            <translation>公司</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="72" />
            <source>Complaint</source>
            <translation>投诉</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="91" />
            <source>Confirmed</source>
            <translation>已确认</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="80" />
            <source>Decision maker</source>
            <translation>决策人</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="32" />
            <source>Declined</source>
            <translation>已谢绝</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="49" />
            <source>Declining</source>
            <translation>下滑</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="92" />
            <source>Delivered</source>
            <translation>已交付</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="64" />
            <source>Desk visit</source>
            <translation>前台到访</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="88" />
            <source>Done</source>
            <translation>已完成</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="90" />
            <source>Draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="76" />
            <source>Earned</source>
            <translation>获得</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="67" />
            <source>Email</source>
            <translation>电子邮件</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="53" />
            <source>Ended</source>
            <translation>已解除关系</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="25" />
            <source>Event</source>
            <translation>活动</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="79" />
            <source>Expired</source>
            <translation>过期</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="83" />
            <source>Finance</source>
            <translation>财务人员</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="103" />
            <source>Freight</source>
            <translation>货运</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="38" />
            <source>Fuel grade</source>
            <translation>油品</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="57" />
            <source>Gold</source>
            <translation>金卡</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="47" />
            <source>Growing</source>
            <translation>成长</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="36" />
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="85" />
            <source>In progress</source>
            <translation>处理中</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="93" />
            <source>Invoiced</source>
            <translation>已开票</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="75" />
            <source>Level change</source>
            <translation>等级变更</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="51" />
            <source>Lost</source>
            <translation>丢失</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="28" />
            <source>Mailing</source>
            <translation>邮寄</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="70" />
            <source>Meeting</source>
            <translation>会议</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="98" />
            <source>Mobile payment</source>
            <translation>移动支付</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="46" />
            <source>New</source>
            <translation>新客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="44" />
            <source>No longer sold</source>
            <translation>已停售</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="71" />
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="105" />
            <source>Official</source>
            <translation>公务车</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="84" />
            <source>Open</source>
            <translation>未结</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="55" />
            <source>Ordinary</source>
            <translation>普通</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="37" />
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="41" />
            <source>Parts</source>
            <translation>零部件</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="60" />
            <source>Passing trade</source>
            <translation>流动客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="21" />
            <source>Person</source>
            <translation>个人</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="34" />
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="69" />
            <source>Post</source>
            <translation>邮寄</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="73" />
            <source>Praise</source>
            <translation>表扬</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="99" />
            <source>Private</source>
            <translation>私家车</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="27" />
            <source>Promotion</source>
            <translation>促销</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="45" />
            <source>Prospect</source>
            <translation>潜在客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="81" />
            <source>Purchaser</source>
            <translation>采购人</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="77" />
            <source>Redeemed</source>
            <translation>兑换</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="24" />
            <source>Referral</source>
            <translation>转介绍</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="59" />
            <source>Regular</source>
            <translation>固定客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="104" />
            <source>Rental</source>
            <translation>租赁</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="86" />
            <source>Resolved</source>
            <translation>已解决</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="65" />
            <source>Return visit</source>
            <translation>回访</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="68" />
            <source>SMS</source>
            <translation>短信</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="42" />
            <source>Service</source>
            <translation>服务</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="56" />
            <source>Silver</source>
            <translation>银卡</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="48" />
            <source>Steady</source>
            <translation>稳定</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="43" />
            <source>Still sold</source>
            <translation>在售</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="74" />
            <source>Suggestion</source>
            <translation>建议</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="102" />
            <source>Taxi</source>
            <translation>出租车</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="66" />
            <source>Test drive</source>
            <translation>试乘试驾</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="96" />
            <source>Transfer</source>
            <translation>转账</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="61" />
            <source>Unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="58" />
            <source>VIP</source>
            <translation>VIP</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="39" />
            <source>Vehicle model</source>
            <translation>车型</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="63" />
            <source>Visit</source>
            <translation>拜访</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="23" />
            <source>Walk-in</source>
            <translation>到店</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="33" />
            <source>Website</source>
            <translation>网站</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="82" />
            <source>Window contact</source>
            <translation>窗口联络人</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="87" />
            <source>Won</source>
            <translation>赢单</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="52" />
            <source>Won back</source>
            <translation>已挽回</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="101" />
            <source>Works vehicle</source>
            <translation>工程车</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="54" />
            <source>—</source>
            <translation>—</translation>
        </message>
    </context>
    <context>
        <name>segments</name>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="29" />
            <source>About to sleep</source>
            <translation>即将沉睡</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="59" />
            <source>Amount owed</source>
            <translation>欠款金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="51" />
            <source>Amount returned</source>
            <translation>退货金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="30" />
            <source>At risk</source>
            <translation>有流失风险</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="58" />
            <source>Average collection period</source>
            <translation>平均回款周期</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="57" />
            <source>Average payment</source>
            <translation>平均回款额</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="49" />
            <source>Average purchase</source>
            <translation>平均单笔金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="54" />
            <source>Average purchase cycle</source>
            <translation>平均购买周期</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="31" />
            <source>Can't lose them</source>
            <translation>不能失去</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="23" />
            <source>Champions</source>
            <translation>核心客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="16" />
            <source>Class {0}</source>
            <translation>{0} 类</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="65" />
            <source>Complaints</source>
            <translation>投诉</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="77" />
            <source>Contact</source>
            <translation>联系</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="63" />
            <source>Contacts logged</source>
            <translation>联系次数</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="67" />
            <source>Customer relationship (scored by hand)</source>
            <translation>客户关系（人工评分）</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="55" />
            <source>Expected sales (open deals)</source>
            <translation>预计销售额（进行中的商机）</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="76" />
            <source>Finance</source>
            <translation>财务</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="48" />
            <source>Gross margin</source>
            <translation>毛利率</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="32" />
            <source>Hibernating</source>
            <translation>沉睡</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="56" />
            <source>Largest payment</source>
            <translation>最大单笔回款</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="50" />
            <source>Largest purchase</source>
            <translation>最大单笔金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="24" />
            <source>Loyal</source>
            <translation>忠诚客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="28" />
            <source>Need attention</source>
            <translation>需要关注</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="26" />
            <source>New customers</source>
            <translation>新客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="45" />
            <source>Number of purchases</source>
            <translation>交易次数</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="52" />
            <source>Number of returns</source>
            <translation>退货次数</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="60" />
            <source>Owed against revenue</source>
            <translation>欠款占收入比</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="68" />
            <source>Policy support (scored by hand)</source>
            <translation>政策支持（人工评分）</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="25" />
            <source>Potential loyalists</source>
            <translation>潜在忠诚客户</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="64" />
            <source>Praise</source>
            <translation>表扬</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="47" />
            <source>Profit</source>
            <translation>利润</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="27" />
            <source>Promising</source>
            <translation>有潜力</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="62" />
            <source>Related deals</source>
            <translation>相关商机</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="61" />
            <source>Related tasks</source>
            <translation>相关待办</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="46" />
            <source>Revenue</source>
            <translation>收入</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="78" />
            <source>Scored by hand (1/3/5/7/9)</source>
            <translation>人工评分 (1/3/5/7/9)</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="66" />
            <source>Suggestions</source>
            <translation>建议</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="53" />
            <source>Time as customer</source>
            <translation>客户时长</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="75" />
            <source>Transactions</source>
            <translation>交易</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="40" />
            <source>{0}+ vehicles a year</source>
            <translation>每年 {0} 辆以上</translation>
        </message>
    </context>
</TS>
