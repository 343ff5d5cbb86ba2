<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>AudienceFilters</name>
        <message numerus="yes">
            <location filename="../../app/ui/audience_filters.py" line="380" />
            <source>%n customer(s) match</source>
            <translation>
                <numerusform>%n customer matches</numerusform>
                <numerusform>%n customers match</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AuditView</name>
        <message numerus="yes">
            <location filename="../../app/ui/audit_view.py" line="488" />
            <source>%n row(s)</source>
            <translation>
                <numerusform>%n row</numerusform>
                <numerusform>%n rows</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>BoardColumn</name>
        <message numerus="yes">
            <location filename="../../app/ui/pipeline_board.py" line="149" />
            <source>%n deal(s)</source>
            <translation>
                <numerusform>%n deal</numerusform>
                <numerusform>%n deals</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pipeline_board.py" line="151" />
            <source>closed in the last %n day(s)</source>
            <translation>
                <numerusform>closed in the last %n day</numerusform>
                <numerusform>closed in the last %n days</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CampaignAudienceDialog</name>
        <message numerus="yes">
            <location filename="../../app/ui/campaign_audience_dialog.py" line="157" />
            <source>%n customer(s) added to the campaign</source>
            <translation>
                <numerusform>%n customer added to the campaign</numerusform>
                <numerusform>%n customers added to the campaign</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/campaign_audience_dialog.py" line="102" />
            <source>%n on the list</source>
            <translation>
                <numerusform>%n on the list</numerusform>
                <numerusform>%n on the list</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CampaignsTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/campaigns_tab.py" line="161" />
            <source>Revenue: orders of invited customers and of customers the campaign brought in, from its first day to %n day(s) after its last.</source>
            <translation>
                <numerusform>Revenue: orders of invited customers and of customers the campaign brought in, from its first day to %n day after its last.</numerusform>
                <numerusform>Revenue: orders of invited customers and of customers the campaign brought in, from its first day to %n days after its last.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CardDelegate</name>
        <message numerus="yes">
            <location filename="../../app/ui/models/deal_column.py" line="265" />
            <source>%n d</source>
            <comment>days in the stage</comment>
            <translation>
                <numerusform>%n d</numerusform>
                <numerusform>%n d</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CasesPage</name>
        <message numerus="yes">
            <location filename="../../app/ui/pages/cases.py" line="201" />
            <source>%n case(s)</source>
            <translation>
                <numerusform>%n case</numerusform>
                <numerusform>%n cases</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CustomersPage</name>
        <message numerus="yes">
            <location filename="../../app/ui/pages/customers.py" line="259" />
            <source>%n customer(s)</source>
            <translation>
                <numerusform>%n customer</numerusform>
                <numerusform>%n customers</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/customers.py" line="460" />
            <source>%n customer(s) exported to %1</source>
            <translation>
                <numerusform>%n customer exported to %1</numerusform>
                <numerusform>%n customers exported to %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DatabaseSettingsTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/database_settings.py" line="185" />
            <source>%1 (%n day(s) ago) in %2</source>
            <translation>
                <numerusform>%1 (%n day ago) in %2</numerusform>
                <numerusform>%1 (%n days ago) in %2</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DeskCardWidget</name>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="64" />
            <source>%n days ago</source>
            <translation>
                <numerusform>%n day ago</numerusform>
                <numerusform>%n days ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="113" />
            <source>%n open complaints</source>
            <translation>
                <numerusform>%n open complaint</numerusform>
                <numerusform>%n open complaints</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="84" />
            <source>%n visits</source>
            <translation>
                <numerusform>%n visit</numerusform>
                <numerusform>%n visits</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="105" />
            <source>Birthday in %n days</source>
            <translation>
                <numerusform>Birthday in %n day</numerusform>
                <numerusform>Birthday in %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="76" />
            <source>Every %n days</source>
            <translation>
                <numerusform>Every %n day</numerusform>
                <numerusform>Every %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="94" />
            <source>and %n more</source>
            <translation>
                <numerusform>and %n more</numerusform>
                <numerusform>and %n more</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message numerus="yes">
            <location filename="../../app/ui/import_dialog.py" line="363" />
            <source>%1 · %n row(s) of data</source>
            <translation>
                <numerusform>%1 · %n row of data</numerusform>
                <numerusform>%1 · %n rows of data</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/import_dialog.py" line="591" />
            <source>Nothing imported: %n row(s) have errors.</source>
            <translation>
                <numerusform>Nothing imported: %n row has errors.</numerusform>
                <numerusform>Nothing imported: %n rows have errors.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>InvitationsDialog</name>
        <message numerus="yes">
            <location filename="../../app/ui/invitations_dialog.py" line="418" />
            <source>%n customer(s) added to the invitation list</source>
            <translation>
                <numerusform>%n customer added to the invitation list</numerusform>
                <numerusform>%n customers added to the invitation list</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/invitations_dialog.py" line="252" />
            <source>%n invited</source>
            <translation>
                <numerusform>%n invited</numerusform>
                <numerusform>%n invited</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/invitations_dialog.py" line="486" />
            <source>%n invited customer(s) exported to %1</source>
            <translation>
                <numerusform>%n invited customer exported to %1</numerusform>
                <numerusform>%n invited customers exported to %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>KeyAccountTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/key_account_tab.py" line="270" />
            <source>%1 of 5 (%n answer(s))</source>
            <translation>
                <numerusform>%1 of 5 (%n answer)</numerusform>
                <numerusform>%1 of 5 (%n answers)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MarginsTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/margins_tab.py" line="161" />
            <source>%n line(s)</source>
            <translation>
                <numerusform>%n line</numerusform>
                <numerusform>%n lines</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MoneyTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/customer_form_tabs.py" line="527" />
            <source>%1 (%n return(s))</source>
            <translation>
                <numerusform>%1 (%n return)</numerusform>
                <numerusform>%1 (%n returns)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PipelinePage</name>
        <message numerus="yes">
            <location filename="../../app/ui/pages/pipeline.py" line="804" />
            <source>%n open deal(s)</source>
            <translation>
                <numerusform>%n open deal</numerusform>
                <numerusform>%n open deals</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ProductImportDialog</name>
        <message numerus="yes">
            <location filename="../../app/ui/product_import_dialog.py" line="127" />
            <source>Nothing can be imported: %n row(s) have errors. Correct them and try again.</source>
            <translation>
                <numerusform>Nothing can be imported: %n row has errors. Correct it and try again.</numerusform>
                <numerusform>Nothing can be imported: %n rows have errors. Correct them and try again.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReassignDialog</name>
        <message numerus="yes">
            <location filename="../../app/ui/user_settings.py" line="366" />
            <source>Also %n place(s) on account teams.</source>
            <translation>
                <numerusform>Also %n place on account teams.</numerusform>
                <numerusform>Also %n places on account teams.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SatisfactionTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/satisfaction_tab.py" line="132" />
            <source>%n answer(s)</source>
            <translation>
                <numerusform>%n answer</numerusform>
                <numerusform>%n answers</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SectionCard</name>
        <message numerus="yes">
            <location filename="../../app/ui/today_view.py" line="258" />
            <source>… and %n more</source>
            <translation>
                <numerusform>… and %n more</numerusform>
                <numerusform>… and %n more</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ServiceTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/service_tab.py" line="139" />
            <source>Satisfaction: last %1 of 5 %2 · average %3 over %n answer(s)</source>
            <translation>
                <numerusform>Satisfaction: last %1 of 5 %2 · average %3 over %n answer</numerusform>
                <numerusform>Satisfaction: last %1 of 5 %2 · average %3 over %n answers</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TableExport</name>
        <message numerus="yes">
            <location filename="../../app/ui/table_export.py" line="103" />
            <source>%n row(s) exported to %1</source>
            <translation>
                <numerusform>%n row exported to %1</numerusform>
                <numerusform>%n rows exported to %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TargetsStrip</name>
        <message numerus="yes">
            <location filename="../../app/ui/targets_strip.py" line="107" />
            <source>This month's targets (%1, %n day(s) left)</source>
            <translation>
                <numerusform>This month's targets (%1, %n day left)</numerusform>
                <numerusform>This month's targets (%1, %n days left)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TargetsTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/targets_tab.py" line="337" />
            <source>%n day(s) left in the month, today included; a target's tooltip says what is still needed per day.</source>
            <translation>
                <numerusform>%n day left in the month, today included; a target's tooltip says what is still needed per day.</numerusform>
                <numerusform>%n days left in the month, today included; a target's tooltip says what is still needed per day.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/targets_tab.py" line="426" />
            <source>%n target(s) copied from last month.</source>
            <translation>
                <numerusform>%n target copied from last month.</numerusform>
                <numerusform>%n targets copied from last month.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TasksPage</name>
        <message numerus="yes">
            <location filename="../../app/ui/pages/tasks.py" line="459" />
            <source>%n task(s)</source>
            <translation>
                <numerusform>%n task</numerusform>
                <numerusform>%n tasks</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TeamTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/team_tab.py" line="166" />
            <source>Owner: %1 · %n team member(s) besides the owner</source>
            <translation>
                <numerusform>Owner: %1 · %n team member besides the owner</numerusform>
                <numerusform>Owner: %1 · %n team members besides the owner</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TodayPage</name>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="351" />
            <source>%n day(s) in this stage</source>
            <translation>
                <numerusform>%n day in this stage</numerusform>
                <numerusform>%n days in this stage</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="366" />
            <location filename="../../app/ui/pages/today.py" line="370" />
            <source>%n day(s) late</source>
            <translation>
                <numerusform>%n day late</numerusform>
                <numerusform>%n days late</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="499" />
            <source>%n task(s) due now</source>
            <translation>
                <numerusform>%n task due now</numerusform>
                <numerusform>%n tasks due now</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="361" />
            <source>Team: the owner and %n more</source>
            <translation>
                <numerusform>Team: the owner and %n more</numerusform>
                <numerusform>Team: the owner and %n more</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="388" />
            <source>The last good backup is %n day(s) old</source>
            <translation>
                <numerusform>The last good backup is %n day old</numerusform>
                <numerusform>The last good backup is %n days old</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="354" />
            <source>ends in %n day(s)</source>
            <translation>
                <numerusform>ends in %n day</numerusform>
                <numerusform>ends in %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="346" />
            <source>in %n day(s)</source>
            <translation>
                <numerusform>in %n day</numerusform>
                <numerusform>in %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="498" />
            <source>… and %n more</source>
            <translation>
                <numerusform>… and %n more</numerusform>
                <numerusform>… and %n more</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>UserSettingsTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/user_settings.py" line="656" />
            <source>The team places on %n customer(s) went along.</source>
            <translation>
                <numerusform>The team places on %n customer went along.</numerusform>
                <numerusform>The team places on %n customers went along.</numerusform>
            </translation>
        </message>
    </context>
</TS>
