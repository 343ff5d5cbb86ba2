<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
    <context>
        <name>BoardColumn</name>
        <message numerus="yes">
            <location filename="../../app/ui/pipeline_board.py" line="149" />
            <source>%n deal(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pipeline_board.py" line="154" />
            <source>Amount %1
Weighted %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pipeline_board.py" line="116" />
            <source>Collapse or expand this column</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pipeline_board.py" line="159" />
            <source>Total amount %1, weighted by probability %2</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pipeline_board.py" line="151" />
            <source>closed in the last %n day(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>CardDelegate</name>
        <message numerus="yes">
            <location filename="../../app/ui/models/deal_column.py" line="264" />
            <source>%n d</source>
            <comment>days in the stage</comment>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>ChartView</name>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="99" />
            <source>PNG images (*.png)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="99" />
            <source>Save chart</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="94" />
            <source>Save chart as PNG…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ConflictBox</name>
        <message>
            <location filename="../../app/ui/conflict_box.py" line="30" />
            <source>Keep mine</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/conflict_box.py" line="28" />
            <source>Reload theirs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/conflict_box.py" line="23" />
            <source>Reload theirs: show their version; your changes are discarded.
Keep mine: save your version over theirs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/conflict_box.py" line="20" />
            <source>Saved elsewhere</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CustomerForm</name>
        <message>
            <location filename="../../app/ui/customer_form.py" line="613" />
            <source>%1 logged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="262" />
            <source>%1[*] — Customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="323" />
            <source>Amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="302" />
            <source>Birthday</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="313" />
            <source>Brand</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="200" />
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="386" />
            <source>Created %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="323" />
            <source>Deal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="230" />
            <source>Deals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="334" />
            <source>Due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="301" />
            <source>Email</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="241" />
            <source>Fill in at least the name, then save with %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="665" />
            <source>If you don't save, your changes are lost.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="417" />
            <source>Key score %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="388" />
            <source>Last visit %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="298" />
            <location filename="../../app/ui/customer_form.py" line="343" />
            <source>Loading…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="461" />
            <source>Looking for duplicates…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="300" />
            <source>Mobile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="313" />
            <source>Model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="296" />
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="313" />
            <source>Nature</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="239" />
            <location filename="../../app/ui/customer_form.py" line="261" />
            <source>New customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="174" />
            <source>New deal…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="304" />
            <source>No contact persons recorded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="324" />
            <source>No deals with this customer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="335" />
            <source>No tasks for this customer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="314" />
            <source>No vehicles recorded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="480" />
            <location filename="../../app/ui/customer_form.py" line="530" />
            <source>Not saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="540" />
            <source>Not saved: please correct the marked field.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="574" />
            <source>Not saved: someone deleted this customer meanwhile.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="556" />
            <source>Not saved: someone else saved this customer meanwhile.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="391" />
            <source>Owed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="385" />
            <source>Owner: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="226" />
            <source>People</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="299" />
            <source>Phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="313" />
            <source>Plate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="225" />
            <source>Profile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="229" />
            <source>Purchases &amp;&amp; payments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="297" />
            <source>Role in buying</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="194" />
            <source>Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="196" />
            <source>Save (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="664" />
            <source>Save the changes to %1?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="248" />
            <source>Save the new customer first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="517" />
            <source>Saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="486" />
            <location filename="../../app/ui/customer_form.py" line="498" />
            <location filename="../../app/ui/customer_form.py" line="585" />
            <source>Saving…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="551" />
            <source>Showing their version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="693" />
            <source>Someone else saved this customer meanwhile.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="323" />
            <source>Stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="323" />
            <location filename="../../app/ui/customer_form_tabs.py" line="334" />
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="334" />
            <source>Task</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="231" />
            <source>Tasks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="378" />
            <source>The customer file could not be loaded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="151" />
            <source>This customer was deleted. Restore it from the customer list to edit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="228" />
            <source>Timeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="298" />
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="662" />
            <source>Unsaved changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="313" />
            <source>Use</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="227" />
            <source>Vehicles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="389" />
            <source>Visits in 90 days: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="663" />
            <source>the new customer</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CustomerTableModel</name>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="70" />
            <source>Category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="64" />
            <source>City</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="73" />
            <source>Class</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="71" />
            <source>Created</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="65" />
            <source>District</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="63" />
            <source>Email</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="75" />
            <source>Key score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="61" />
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="69" />
            <source>Level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="68" />
            <source>Lifecycle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="60" />
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="59" />
            <source>Number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="66" />
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="62" />
            <source>Phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="72" />
            <source>Plates</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="74" />
            <source>RFM segment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="67" />
            <source>Source</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="76" />
            <source>Tier</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CustomersPage</name>
        <message numerus="yes">
            <location filename="../../app/ui/pages/customers.py" line="256" />
            <source>%n customer(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/customers.py" line="450" />
            <source>%n customer(s) exported to %1</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="419" />
            <source>Address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="123" />
            <source>All cities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="106" />
            <source>All owners</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="109" />
            <source>All tags</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="139" />
            <source>Any RFM segment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="134" />
            <source>Any class</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="117" />
            <source>Any level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="112" />
            <source>Any stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="418" />
            <source>Birthday</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="417" />
            <source>Card</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="92" />
            <location filename="../../app/ui/pages/customers.py" line="421" />
            <source>Customers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="389" />
            <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="448" />
            <source>Export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="387" />
            <source>Export customers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="439" />
            <source>Exporting customers…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="193" />
            <source>Export…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="127" />
            <source>Has a vehicle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="201" />
            <source>Invite customers to an event, starting from these filters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="198" />
            <source>Invite to event…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="311" />
            <source>Merge these two customers…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="100" />
            <source>Name, phone, plate, card…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="172" />
            <source>New customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="128" />
            <source>No vehicle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="308" />
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="129" />
            <source>Owes money</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="416" />
            <source>Phone 2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="195" />
            <source>Save the customers shown, as filtered and sorted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="149" />
            <source>Show all</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="126" />
            <source>With or without vehicle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="388" />
            <source>customers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="142" />
            <source>★ Key accounts</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DealColumnModel</name>
        <message>
            <location filename="../../app/ui/models/deal_column.py" line="98" />
            <source>%1
%2
Amount %3 · weighted %4
Owner %5</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DealForm</name>
        <message>
            <location filename="../../app/ui/deal_form.py" line="137" />
            <source>Activities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="126" />
            <source>Amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="142" />
            <source>By</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="161" />
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="70" />
            <source>Deal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="128" />
            <source>Expected close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="142" />
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="192" />
            <source>Loading…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="318" />
            <source>Not saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="327" />
            <source>Not saved: please correct the marked field.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="351" />
            <source>Not saved: someone else saved this deal meanwhile.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="130" />
            <source>Notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="81" />
            <source>Open customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="213" />
            <source>Owner: {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="127" />
            <source>Probability %</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="129" />
            <source>Products</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="157" />
            <source>Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="313" />
            <source>Saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="304" />
            <location filename="../../app/ui/deal_form.py" line="348" />
            <source>Saving…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="333" />
            <source>Showing their version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="354" />
            <source>Someone else saved this deal meanwhile.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="210" />
            <source>Stage: {stage} ({p} %)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="203" />
            <source>This deal was deleted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="125" />
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="142" />
            <source>What</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="142" />
            <source>When</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="216" />
            <source>the stage's: {p}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DeskCardWidget</name>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="92" />
            <source>%n days ago</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="141" />
            <source>%n open complaints</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="112" />
            <source>%n visits</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="140" />
            <source>1 open complaint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="111" />
            <source>1 visit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="213" />
            <source>Birthday</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="133" />
            <source>Birthday in %n days</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="130" />
            <source>Birthday today!</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="132" />
            <source>Birthday tomorrow</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="271" />
            <source>Card %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="215" />
            <source>Complaints</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="104" />
            <source>Every %n days</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="103" />
            <source>Every day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="238" />
            <source>Last purchases</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="212" />
            <source>Last visit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="146" />
            <source>No purchases yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="81" />
            <source>No visit yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="292" />
            <source>Nobody</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="109" />
            <location filename="../../app/ui/desk_card.py" line="118" />
            <source>None</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="138" />
            <source>None open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="98" />
            <source>Not known yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="128" />
            <source>Not this week</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="211" />
            <source>Owed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="217" />
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="100" />
            <source>Several times a day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="86" />
            <source>Today, %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="214" />
            <source>Usual interval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="210" />
            <source>Vehicles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="216" />
            <source>Visits, last %1 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="90" />
            <source>Yesterday</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="122" />
            <source>and %n more</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>DuplicatesDialog</name>
        <message>
            <location filename="../../app/ui/customer_form.py" line="731" />
            <source>City</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="758" />
            <source>Create anyway</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="731" />
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="731" />
            <source>Number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="754" />
            <source>Open that one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="716" />
            <source>Possible duplicates</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="731" />
            <source>Same</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="720" />
            <source>These customers look like the one you are creating. Is it one of them?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="735" />
            <source>email</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="734" />
            <source>phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="736" />
            <source>plate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="737" />
            <source>similar name</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ErrorHandler</name>
        <message>
            <location filename="../../app/ui/errors.py" line="171" />
            <source>%1

The details were written to %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/errors.py" line="167" />
            <source>Clientela: unexpected error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/errors.py" line="179" />
            <source>Open log folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/errors.py" line="168" />
            <source>Something went wrong and the last action may not be complete.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/errors.py" line="169" />
            <source>the console</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="75" />
            <source>Days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="113" />
            <source>Days: the order date. Salesperson: the order's.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="114" />
            <source>Days: the payment date. Salesperson: who recorded it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="112" />
            <source>Days: when it happened. Salesperson: who logged it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="109" />
            <source>Days: when the customer was created. Salesperson: the owner.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="115" />
            <source>Days: when the deal was created. Salesperson: the owner.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="110" />
            <source>Days: when the person was added. Salesperson: the owner.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="116" />
            <source>Days: when the task is due. Salesperson: the owner.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="111" />
            <source>Days: when the vehicle was added. Salesperson: the owner.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="55" />
            <source>Everyone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="43" />
            <source>Export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="41" />
            <source>Export data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="87" />
            <source>Export…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="57" />
            <source>Only these days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="56" />
            <source>Salesperson</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="52" />
            <source>Table</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ForecastView</name>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="240" />
            <source>(no owner)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="281" />
            <source>A competitor's offer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="256" />
            <location filename="../../app/ui/pages/pipeline.py" line="278" />
            <source>Amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="258" />
            <source>Average days in stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="259" />
            <source>Conversion to next</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="255" />
            <location filename="../../app/ui/pages/pipeline.py" line="278" />
            <source>Deals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="191" />
            <source>Last 12 months</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="189" />
            <source>Last 30 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="190" />
            <source>Last 90 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="200" />
            <source>Lost deals by reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="283" />
            <source>No reason given</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="280" />
            <source>Our product or service</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="236" />
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="278" />
            <source>Reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="254" />
            <source>Stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="197" />
            <source>Stages: conversion to the next and days spent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="282" />
            <source>The customer's own reasons</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="236" />
            <location filename="../../app/ui/pages/pipeline.py" line="246" />
            <source>Total</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="257" />
            <source>Weighted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="195" />
            <source>Weighted forecast by expected close month</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FrontDeskPage</name>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="837" />
            <source>%1 is registered as a new customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="272" />
            <source>&amp;Amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="337" />
            <source>&amp;Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="338" />
            <source>&amp;Phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="284" />
            <location filename="../../app/ui/pages/front_desk.py" line="371" />
            <source>Cancel (Esc)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="373" />
            <source>Everything else can be added in the file (F2) later.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="165" />
            <source>Find a customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="155" />
            <source>Front desk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="685" />
            <source>Log a visit for %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="307" />
            <source>Log visit (Enter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="193" />
            <source>More customers match: keep typing.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="278" />
            <source>N&amp;ote</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="167" />
            <source>New walk-in (Ctrl+N)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="326" />
            <source>New walk-in customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="212" />
            <source>No customer found — press Ctrl+N to register a walk-in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="310" />
            <source>Open file (F2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="187" />
            <source>Other customers found</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="339" />
            <source>P&amp;late</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="163" />
            <source>Phone digits, plate, card or name…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="368" />
            <source>Register (Enter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="283" />
            <source>Save (Enter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="206" />
            <source>Type phone digits, a licence plate, a card number or a name.
Enter logs a visit · F2 opens the file · Ctrl+N registers a walk-in.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="739" />
            <source>Visit logged for %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="281" />
            <location filename="../../app/ui/pages/front_desk.py" line="338" />
            <source>optional</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="275" />
            <source>optional, e.g. 88.50</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="339" />
            <source>optional, e.g. 粤B·12345</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="337" />
            <source>required</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="350" />
            <source>%1 (hidden)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/import_dialog.py" line="363" />
            <source>%1 · %n row(s) of data</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="456" />
            <source>(guessed from the headers)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="420" />
            <source>(ignore)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="251" />
            <source>A customer already there (same number, phone, email or plate)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="77" />
            <source>Address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="627" />
            <source>All errors are listed in %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="308" />
            <source>All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="603" />
            <source>Already there: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="88" />
            <source>Birthday</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="639" />
            <source>Cancelled; nothing was written.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="86" />
            <source>Card</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="84" />
            <source>Category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="284" />
            <source>Check</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="286" />
            <source>Check every row without importing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="586" />
            <source>Checked, nothing written: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="581" />
            <source>Checked, nothing written: %1. The rows with errors would stop the import unless invalid rows are skipped.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="557" />
            <source>Checking %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="534" />
            <source>Checking the rows…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="524" />
            <source>Choose a file first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="187" />
            <source>Choose an Excel or CSV file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="188" />
            <source>Choose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="79" />
            <source>City</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="292" />
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="411" />
            <source>Column in the file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="223" />
            <source>Columns and fields</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="72" />
            <source>Company</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="97" />
            <source>Contact email</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="95" />
            <source>Contact person</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="96" />
            <source>Contact phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="98" />
            <source>Contact title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="259" />
            <source>Create another</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="68" />
            <source>Customer number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="80" />
            <source>District</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="537" />
            <source>Done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="76" />
            <source>Email</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="193" />
            <source>File:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="70" />
            <source>First name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="413" />
            <source>First value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="412" />
            <source>Goes into</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="288" />
            <source>Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="163" />
            <location filename="../../app/ui/import_dialog.py" line="304" />
            <source>Import customers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="268" />
            <source>Import the valid rows, skip invalid ones</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="588" />
            <source>Imported: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="557" />
            <source>Importing %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="85" />
            <source>Industry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="71" />
            <source>Last name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="87" />
            <source>Level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="502" />
            <source>Mapping “%1” saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="69" />
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="481" />
            <source>Name of the mapping:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="90" />
            <source>Nationality</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="93" />
            <source>Notes</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/import_dialog.py" line="590" />
            <source>Nothing imported: %n row(s) have errors.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="101" />
            <source>Order amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="100" />
            <source>Order date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="102" />
            <source>Order notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="99" />
            <source>Order number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="83" />
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="621" />
            <source>Owners who are no user here (kept in the notes): %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="73" />
            <source>Person or company</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="74" />
            <source>Phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="75" />
            <source>Phone 2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="91" />
            <source>Place of origin</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="94" />
            <source>Plates</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="78" />
            <source>Postcode</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="81" />
            <source>Province or state</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="332" />
            <location filename="../../app/ui/import_dialog.py" line="336" />
            <source>Reading %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="614" />
            <source>Row %1, %2: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="481" />
            <source>Save mapping</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="229" />
            <source>Save mapping…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="232" />
            <source>Saved mappings:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="211" />
            <source>Sheet:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="257" />
            <source>Skip the row</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="82" />
            <source>Source</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="306" />
            <source>Spreadsheets and CSV (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="92" />
            <source>Tax ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="204" />
            <source>The row that holds the column titles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="89" />
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="258" />
            <source>Update the customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="536" />
            <source>Updating the search index…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="271" />
            <source>Without this, one invalid row stops the import and nothing is written</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="535" />
            <source>Writing the customers…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="358" />
            <source>and %1 · </source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="574" />
            <source>created %1, updated %2, skipped %3, rejected %4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="594" />
            <source>customer number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="596" />
            <source>email</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="203" />
            <source>header on row </source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="595" />
            <source>phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="597" />
            <source>plate</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>InvitationsDialog</name>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="609" />
            <source>%1 left out because they opted out of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="627" />
            <source>%1 not invited yet · %2 already invited</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="678" />
            <source>%1 were already invited</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/invitations_dialog.py" line="676" />
            <source>%n customer(s) added to the invitation list</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/invitations_dialog.py" line="607" />
            <source>%n customer(s) match</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/invitations_dialog.py" line="421" />
            <source>%n invited</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/invitations_dialog.py" line="744" />
            <source>%n invited customer(s) exported to %1</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="211" />
            <source>All cities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="212" />
            <source>All districts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="622" />
            <source>All of them are already invited to this event.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="214" />
            <source>All owners</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="213" />
            <source>All tags</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="221" />
            <source>Any RFM segment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="218" />
            <source>Any class</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="227" />
            <source>Any level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="215" />
            <source>Any stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="231" />
            <source>Any vehicle use</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="181" />
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="596" />
            <source>Cannot count</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="171" />
            <source>Channel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="620" />
            <source>Choose or create an event to invite them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="241" />
            <source>City</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="244" />
            <source>Class</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="349" />
            <source>Classes, RFM segments and key accounts have not been worked out yet (Reports ▸ Work out segments), so filtering by them matches no one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="271" />
            <location filename="../../app/ui/invitations_dialog.py" line="575" />
            <source>Counting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="184" />
            <source>Create event</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="238" />
            <source>Customers who opted out of this channel are left out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="163" />
            <source>Date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="241" />
            <source>District</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="125" />
            <location filename="../../app/ui/invitations_dialog.py" line="134" />
            <source>Event</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="618" />
            <source>Everyone who matches opted out of this channel.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="698" />
            <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="742" />
            <source>Export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="289" />
            <source>Export list…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="696" />
            <source>Export the invitation list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="732" />
            <source>Exporting the invitation list…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="245" />
            <source>Invite by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="83" />
            <source>Invite to event</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="716" />
            <source>Invited</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="224" />
            <source>Key accounts (★) only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="243" />
            <source>Level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="243" />
            <source>Lifecycle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="284" />
            <source>Mark invited</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="665" />
            <source>Marking customers invited…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="154" />
            <location filename="../../app/ui/invitations_dialog.py" line="715" />
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="137" />
            <location filename="../../app/ui/invitations_dialog.py" line="399" />
            <source>New event…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="616" />
            <source>No customer matches these filters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="392" />
            <source>No events yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="390" />
            <source>No events yet: create one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="624" />
            <source>None of them is invited to this event yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="177" />
            <source>Notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="242" />
            <location filename="../../app/ui/invitations_dialog.py" line="715" />
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="715" />
            <source>Phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="305" />
            <source>Post</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="244" />
            <source>RFM segment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="293" />
            <source>Save the event's invited customers (name, phone, owner)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="242" />
            <source>Tag</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="614" />
            <source>There are no customers yet: add or import them first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="647" />
            <source>This database or your role allows no changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="245" />
            <source>Vehicle use</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="195" />
            <source>Who</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="151" />
            <source>e.g. Owners' open day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="693" />
            <source>invited</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ItemRow</name>
        <message>
            <location filename="../../app/ui/today_view.py" line="164" />
            <source>1 day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="164" />
            <source>1 week</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="150" />
            <source>Done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="155" />
            <source>Mark done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="153" />
            <source>Mark done and note what came of it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="160" />
            <source>Snooze</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LostReasonDialog</name>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="107" />
            <source>A competitor's offer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="99" />
            <source>Deal lost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="117" />
            <source>Details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="106" />
            <source>Our product or service</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="116" />
            <source>Reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="108" />
            <source>The customer's own reasons</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="115" />
            <source>What happened, in a few words</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../app/ui/main_window.py" line="534" />
            <source>%1 already exists. Use Open database… to open it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="227" />
            <source>&amp;About Clientela</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="178" />
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="225" />
            <source>&amp;Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="192" />
            <source>&amp;Import customers…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="180" />
            <source>&amp;New database…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="184" />
            <source>&amp;Open database…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="204" />
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="211" />
            <source>&amp;View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="550" />
            <source>(not found)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="638" />
            <source>A customer relationship manager for small sales offices.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="635" />
            <source>About Clientela</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="499" />
            <source>All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="627" />
            <source>Another PC is writing to the database; waiting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="557" />
            <source>Clear list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="461" />
            <location filename="../../app/ui/main_window.py" line="532" />
            <location filename="../../app/ui/main_window.py" line="587" />
            <source>Clientela</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="497" />
            <source>Clientela databases (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="598" />
            <source>Clientela — %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="200" />
            <source>E&amp;xport data…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="195" />
            <source>Invite customers to an &amp;event…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="576" />
            <source>Local file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="136" />
            <source>Navigation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="514" />
            <source>New database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="591" />
            <source>No database open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="621" />
            <source>Not signed in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="188" />
            <source>Open &amp;recent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="468" />
            <source>Open another…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="505" />
            <source>Open database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="442" />
            <location filename="../../app/ui/main_window.py" line="589" />
            <source>Opening %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="471" />
            <source>Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="154" />
            <source>Search</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="164" />
            <source>Search customers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="161" />
            <source>Search customers: name, phone, plate, card…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="578" />
            <source>Server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="577" />
            <source>Shared drive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="462" />
            <source>The database could not be opened.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="466" />
            <source>Try again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="618" />
            <source>Unknown user: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="581" />
            <source>read-only</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MergeDialog</name>
        <message>
            <location filename="../../app/ui/merge_dialog.py" line="27" />
            <source>Everything of the other file — people, vehicles, activities, orders, payments, deals and tasks — moves to the file you keep. Which one stays?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/merge_dialog.py" line="43" />
            <source>Merge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/merge_dialog.py" line="23" />
            <source>Merge customers</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MoneyTab</name>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="417" />
            <location filename="../../app/ui/customer_form_tabs.py" line="426" />
            <source>Amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="417" />
            <location filename="../../app/ui/customer_form_tabs.py" line="426" />
            <source>Date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="426" />
            <source>Method</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="418" />
            <source>No orders yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="427" />
            <source>No payments yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="417" />
            <source>Order</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="391" />
            <source>Ordered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="479" />
            <source>Orders (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="394" />
            <source>Owed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="393" />
            <source>Paid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="480" />
            <source>Payments (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="392" />
            <source>Returned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="417" />
            <source>Status</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MonthlyTab</name>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="156" />
            <source>Cancelled; no workbook was written.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="119" />
            <source>Clientela %1.xlsx</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="109" />
            <source>Excel (*.xlsx)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="78" />
            <source>Make workbook…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="134" />
            <source>Making the monthly workbook…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="68" />
            <source>Month</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="151" />
            <source>No workbook was written.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="51" />
            <source>One workbook for the month: the key figures against the previous month and the same month last year (with a chart), sales by salesperson and by customer class, the pipeline and forecast, new and lost customers, receivables by age, key accounts and activities by salesperson.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="84" />
            <source>Open folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="81" />
            <source>Open workbook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="109" />
            <source>Save the monthly workbook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="146" />
            <source>Saved %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="75" />
            <source>Sheets in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="71" />
            <source>The office's language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="127" />
            <source>Working out the figures…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NewDealDialog</name>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="105" />
            <source>Amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="248" />
            <source>Choose the customer first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="95" />
            <source>Customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="217" />
            <source>Customer: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="122" />
            <source>Expected close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="76" />
            <source>Name, phone, plate or card…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="62" />
            <source>New deal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="91" />
            <source>No customer chosen yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="205" />
            <source>No customer found.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="126" />
            <source>Notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="261" />
            <source>Saving…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="108" />
            <source>Stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="171" />
            <source>The pipeline has no open stage: add one in Settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="100" />
            <source>Title</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Operation</name>
        <message>
            <location filename="../../app/ui/operations.py" line="208" />
            <source>Another PC is writing to the database. Waiting for it to finish (attempt %1)…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/operations.py" line="271" />
            <source>Clientela</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>OutcomeDialog</name>
        <message>
            <location filename="../../app/ui/today_view.py" line="67" />
            <source>Done: what came of it?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="75" />
            <source>How it serves them, what they need next, what was agreed…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="81" />
            <source>Not asked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="78" />
            <source>Outcome</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="85" />
            <source>Satisfaction</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PipelinePage</name>
        <message numerus="yes">
            <location filename="../../app/ui/pages/pipeline.py" line="656" />
            <source>%n open deal(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="374" />
            <source>All owners</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="378" />
            <source>Any close date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="343" />
            <source>Board</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="379" />
            <source>Close date passed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="381" />
            <source>Closing in 3 months</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="382" />
            <source>Closing in 6 months</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="380" />
            <source>Closing this month</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="393" />
            <source>Customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="556" />
            <source>Export deals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="336" />
            <source>Export…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="344" />
            <source>Forecast</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="402" />
            <source>Max. amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="398" />
            <source>Min. amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="412" />
            <source>New deal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="366" />
            <source>Pipeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="409" />
            <source>Refresh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="338" />
            <source>Save the deals on the board, column by column</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="404" />
            <source>Undo move</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="658" />
            <source>amount %1, weighted %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="556" />
            <source>deals</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ProfileTab</name>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="717" />
            <location filename="../../app/ui/customer_form_tabs.py" line="718" />
            <source>Address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="742" />
            <source>Birthday</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="729" />
            <source>By SMS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="730" />
            <source>By email</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="728" />
            <source>By phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="731" />
            <source>By post</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="711" />
            <source>Category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="720" />
            <source>City</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="723" />
            <source>Consent to be contacted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="721" />
            <source>District</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="747" />
            <source>Education</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="709" />
            <source>Email</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="749" />
            <source>Family</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="750" />
            <source>Hobbies</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="703" />
            <source>Identity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="712" />
            <source>Industry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="706" />
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="714" />
            <source>Licence plates</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="713" />
            <source>Membership card</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="704" />
            <source>Name *</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="746" />
            <source>Nationality</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="753" />
            <location filename="../../app/ui/customer_form_tabs.py" line="757" />
            <source>Notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="741" />
            <source>Personal profile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="707" />
            <source>Phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="745" />
            <source>Place of birth</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="744" />
            <source>Place of origin</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="719" />
            <source>Postcode</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="751" />
            <source>Preferences</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="705" />
            <source>Required</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="708" />
            <source>Second phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="715" />
            <source>Separate several plates with commas</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="710" />
            <source>Source</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="748" />
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="743" />
            <source>e.g. 1980-05-31</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ProgressDialog</name>
        <message>
            <location filename="../../app/ui/progress_dialog.py" line="80" />
            <source>Cancelling…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/progress_dialog.py" line="31" />
            <source>Clientela</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReminderSettingsTab</name>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="68" />
            <source> days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="107" />
            <source>Add category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="192" />
            <source>Any other category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="83" />
            <source>At risk after their usual interval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="70" />
            <source>Birthday reminder, days before</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="100" />
            <source>Customer category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="100" />
            <source>Days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="257" />
            <source>Nothing changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="185" />
            <source>Only administrators and managers change these.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="86" />
            <source>Purchases needed to know a customer's interval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="110" />
            <source>Remove category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="75" />
            <source>Repeat buyers: one return visit every</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="95" />
            <source>Return visit after a purchase, by customer category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="122" />
            <source>Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="255" />
            <source>Saved. New reminders follow these rules from the next run.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="244" />
            <source>Saving…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="73" />
            <source>Small purchases at the desk: at most one return visit per this many days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="89" />
            <source>Usual interval assumed for fewer purchases</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="90" />
            <source>Visit key accounts every month</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="422" />
            <source>0–30</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="423" />
            <source>31–60</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="424" />
            <source>61–90</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="165" />
            <source>80/20 classes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="411" />
            <source>Activities per salesperson</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="555" />
            <source>Activities: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="162" />
            <location filename="../../app/ui/pages/reports.py" line="308" />
            <source>All salespeople</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="538" />
            <source>Bought in {0}-{1:02d}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="665" />
            <location filename="../../app/ui/pages/reports.py" line="721" />
            <source>Calls</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="514" />
            <source>Click a bar or slice to see its customers.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="676" />
            <source>Collected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="475" />
            <source>Competitor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="476" />
            <source>Customer's reasons</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="466" />
            <source>Customers lost, by reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="217" />
            <source>Dashboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="232" />
            <source>Day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="669" />
            <source>Deals created</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="550" />
            <source>Deals expected to close in {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="670" />
            <source>Deals moved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="478" />
            <source>Ended</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="719" />
            <source>Follow-ups per salesperson</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="154" />
            <source>Last 12 months</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="151" />
            <source>Last month</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="155" />
            <source>Last year</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="415" />
            <location filename="../../app/ui/pages/reports.py" line="673" />
            <source>Lost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="559" />
            <source>Lost in {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="487" />
            <source>Lost: a competitor's offer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="489" />
            <source>Lost: no reason given</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="486" />
            <source>Lost: our product or service</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="488" />
            <source>Lost: the customer's own reasons</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="234" />
            <source>Month</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="135" />
            <source>Monthly workbook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="415" />
            <source>New</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="414" />
            <source>New against lost customers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="668" />
            <source>New customers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="557" />
            <source>New in {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="481" />
            <source>No customers lost in this period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="333" />
            <source>No database is open.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="375" />
            <source>No figures for this period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="725" />
            <source>No follow-ups in this period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="477" />
            <source>No reason given</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="407" />
            <source>No segments yet: press “Work out segments”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="427" />
            <source>Nothing is owed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="497" />
            <source>Nothing to chart yet: sales, deals and activities appear here once they are recorded or imported.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="548" />
            <source>Open deals in stage {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="675" />
            <source>Order amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="674" />
            <source>Orders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="389" />
            <source>Other</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="667" />
            <location filename="../../app/ui/pages/reports.py" line="723" />
            <source>Other follow-ups</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="474" />
            <source>Our side</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="561" />
            <source>Owing, {0} days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="183" />
            <location filename="../../app/ui/pages/reports.py" line="242" />
            <source>Period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="399" />
            <source>Pipeline funnel (open deals)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="166" />
            <source>RFM segments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="172" />
            <source>Rank customers again: 80/20 classes, RFM, key-account stars, lifecycle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="420" />
            <source>Receivables by age (days; customers above the bars)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="167" />
            <source>Refresh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="490" />
            <source>Relationship ended</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="139" />
            <source>Reports</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="468" />
            <source>Retention {0} % ({1} of {2} kept)
Customers lost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="387" />
            <source>Revenue by RFM segment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="384" />
            <source>Revenue share by 80/20 class (customers)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="392" />
            <source>Sales by month: this year against last year</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="261" />
            <source>Salespeople</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="184" />
            <location filename="../../app/ui/pages/reports.py" line="664" />
            <source>Salesperson</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="174" />
            <source>Scoring rules…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="553" />
            <source>Segment {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="503" />
            <source>Segments have not been worked out yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="506" />
            <source>Segments worked out for {0} to {1}: {2} customers, {3} starred.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="192" />
            <source>Share by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="150" />
            <source>This month</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="152" />
            <source>This quarter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="153" />
            <source>This year</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="666" />
            <location filename="../../app/ui/pages/reports.py" line="722" />
            <source>Visits</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="233" />
            <source>Week</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="402" />
            <source>Weighted forecast by expected close month</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="671" />
            <source>Won</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="672" />
            <source>Won amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="169" />
            <source>Work out segments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="593" />
            <location filename="../../app/ui/pages/reports.py" line="634" />
            <source>Working out segments…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="425" />
            <source>over 90</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ScoringSettingsDialog</name>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="41" />
            <source> months</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="59" />
            <source>Class A: top share of the total</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="60" />
            <source>Class B: the next</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="64" />
            <source>Key-account score: each indicator scores 1/3/5/7/9 by quintile; the score is their weighted mean. Customers at or above the average are starred. Weight 0 leaves an indicator out.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="57" />
            <source>Period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="45" />
            <source>Profit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="58" />
            <source>Rank customers by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="44" />
            <source>Revenue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="34" />
            <source>Segmentation and key-account scoring</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SectionCard</name>
        <message numerus="yes">
            <location filename="../../app/ui/today_view.py" line="251" />
            <source>… and %n more</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="41" />
            <source>Other settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="29" />
            <source>Pipeline stages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="31" />
            <source>Reminders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="45" />
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="35" />
            <source>Users, pipelines and preferences arrive with later work.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StageDialog</name>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="105" />
            <source> days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="165" />
            <source>A stage needs a name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="116" />
            <source>Aging after</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="145" />
            <source>Choose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="114" />
            <source>Colour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="67" />
            <source>Edit stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="93" />
            <source>Lost stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="112" />
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="67" />
            <source>New stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="83" />
            <source>No colour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="128" />
            <source>Stage colour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="113" />
            <source>Win probability</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="90" />
            <source>Won stage</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StageSettings</name>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="224" />
            <source>Add…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="473" />
            <location filename="../../app/ui/stage_settings.py" line="488" />
            <source>Delete stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="489" />
            <source>Delete the stage “{name}”?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="228" />
            <source>Delete…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="225" />
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="227" />
            <source>Move down</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="226" />
            <source>Move up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="201" />
            <source>The stages of the sales pipeline, in the order the board shows them. A stage that holds deals can only be deleted by moving its deals.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="312" />
            <location filename="../../app/ui/stage_settings.py" line="313" />
            <source>yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="474" />
            <source>{count} deal(s) are in “{name}”. Move them to:</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TableExport</name>
        <message numerus="yes">
            <location filename="../../app/ui/table_export.py" line="101" />
            <source>%n row(s) exported to %1</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="33" />
            <source>Activities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="31" />
            <source>Contact persons</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="30" />
            <source>Customers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="36" />
            <source>Deals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="51" />
            <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="99" />
            <source>Export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="89" />
            <source>Exporting %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="34" />
            <source>Orders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="35" />
            <source>Payments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="37" />
            <source>Tasks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="32" />
            <source>Vehicles</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TaskDialog</name>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="214" />
            <source>Does not repeat</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="205" />
            <source>Due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="216" />
            <source>Every month</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="215" />
            <source>Every week</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="224" />
            <source>For</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="208" />
            <source>High</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="208" />
            <source>Low</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="193" />
            <source>New task</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="208" />
            <source>Normal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="228" />
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="211" />
            <source>Priority</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="217" />
            <source>Repeat</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="198" />
            <source>Task</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TaskTableModel</name>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="77" />
            <source>Customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="75" />
            <source>Due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="84" />
            <source>High</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="84" />
            <source>Low</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="84" />
            <source>Normal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="79" />
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="78" />
            <source>Priority</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="80" />
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="76" />
            <source>Task</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TasksPage</name>
        <message numerus="yes">
            <location filename="../../app/ui/pages/tasks.py" line="414" />
            <source>%n task(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="292" />
            <source>1 day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="294" />
            <source>1 week</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="270" />
            <source>All</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="269" />
            <location filename="../../app/ui/pages/tasks.py" line="285" />
            <source>Done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="343" />
            <source>Everyone's</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="395" />
            <source>Export tasks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="298" />
            <source>Export…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="341" />
            <source>My tasks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="281" />
            <source>New task…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="268" />
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="300" />
            <source>Save the tasks shown, in this order</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="289" />
            <source>Snooze</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="330" />
            <source>Tasks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="395" />
            <source>tasks</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TimelineTab</name>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="589" />
            <source>By</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="575" />
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="570" />
            <source>Enter saves · Shift+Enter new line · Esc cancels</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="546" />
            <source>Keyboard: %1, then a letter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="589" />
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="537" />
            <source>Log a %1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="531" />
            <source>Log:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="629" />
            <source>New entry: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="597" />
            <source>Nothing logged yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="572" />
            <source>Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="589" />
            <source>What</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="589" />
            <source>When</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="614" />
            <source>satisfaction %1/5</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TodayPage</name>
        <message>
            <location filename="../../app/ui/pages/today.py" line="258" />
            <source>%1 · %2 to do</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="288" />
            <source>%n day(s) in this stage</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="290" />
            <source>%n day(s) late</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="396" />
            <source>%n task(s) due now</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="134" />
            <source>Birthdays in the next 7 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="416" />
            <source>Clientela</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="135" />
            <source>Customers at risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="137" />
            <source>Deals stuck too long in a stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="132" />
            <source>Due today</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="155" />
            <source>Everyone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="133" />
            <source>Follow-up visits due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="153" />
            <source>My work</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="134" />
            <source>No birthdays.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="135" />
            <source>No customer at risk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="138" />
            <source>No deal is stuck.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="133" />
            <source>No follow-up due.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="132" />
            <source>Nothing else due today.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="131" />
            <source>Nothing overdue.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="131" />
            <source>Overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="100" />
            <source>Refresh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="93" />
            <source>Show:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="127" />
            <source>Today</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="283" />
            <source>in %n day(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="281" />
            <source>today</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="395" />
            <source>… and %n more</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>WelcomeDialog</name>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="81" />
            <source>Chinese (中文)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="158" />
            <source>Contract signing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="101" />
            <source>Customers:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="77" />
            <source>Demo data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="182" />
            <source>Demo data cancelled.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="83" />
            <source>English</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="146" />
            <source>Generating demo data…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="155" />
            <source>Initial contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="95" />
            <source>Load demo data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="69" />
            <source>Load demo data to look around with realistic customers, deals and orders, or start empty and enter your own.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="160" />
            <source>Lost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="100" />
            <source>Names and places in:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="157" />
            <source>Negotiation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="154" />
            <source>Sales</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="156" />
            <source>Sample / trial</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="82" />
            <source>Spanish (Español)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="104" />
            <location filename="../../app/ui/welcome_dialog.py" line="108" />
            <source>Start empty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="62" />
            <source>This database is empty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="59" />
            <source>Welcome to Clientela</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="159" />
            <source>Won</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="112" />
            <source>Your user name (administrator):</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WonAmountDialog</name>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="138" />
            <source>Deal won</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="147" />
            <source>Final amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="165" />
            <source>Give the amount as a number</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>Column</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Errors</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Row</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="320" />
            <source>a customer cannot be merged with itself</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="189" />
            <source>a customer category has at most 60 characters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="145" />
            <source>a deal needs a title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="155" />
            <location filename="../../app/services/importer.py" line="484" />
            <source>a licence plate has at most 20 characters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="229" />
            <source>a new deal starts in an open stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="34" />
            <source>a server database is backed up with the server's own tools (pg_dump)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="796" />
            <source>a stage is won or lost, not both</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="792" />
            <source>a stage needs a name of at most 100 characters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/activities.py" line="51" />
            <location filename="../../app/services/tasks.py" line="114" />
            <location filename="../../app/services/tasks.py" line="315" />
            <source>a time needs its time zone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/access.py" line="83" />
            <source>a viewer cannot change anything</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="79" />
            <location filename="../../app/services/tasks.py" line="154" />
            <source>a viewer cannot change tasks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="670" />
            <source>a viewer cannot import customers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="127" />
            <source>a viewer cannot invite customers to events</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="798" />
            <source>aging takes 0 to 3650 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="215" />
            <source>an event needs a name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="164" />
            <source>another PC is writing to the database; try again in a moment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="96" />
            <source>at most two decimals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="672" />
            <location filename="../../app/services/validation.py" line="67" />
            <source>at most {max} characters (this has {n})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="273" />
            <source>bad date {text}: use YYYY-MM-DD</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="104" />
            <source>cannot export to {name}: use a .xlsx or .csv file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="230" />
            <source>cannot export {what}: choose one of {whats}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="390" />
            <source>cannot open the database {where}: {err}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="417" />
            <source>cannot prepare the database: {err}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="714" />
            <source>cannot read the mapping {path}: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="172" />
            <source>cannot read the sheet {sheet} of {file}: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="231" />
            <source>cannot read {path}: permission denied</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="236" />
            <source>cannot read {path}: {err}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="136" />
            <source>cannot read {path}: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="292" />
            <source>cannot use the database address {url}: {err}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="247" />
            <source>cannot write to the folder {folder}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="132" />
            <location filename="../../app/reports/monthly_workbook.py" line="514" />
            <location filename="../../app/services/importer.py" line="1067" />
            <source>cannot write {path}: no such folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="136" />
            <location filename="../../app/reports/monthly_workbook.py" line="538" />
            <source>cannot write {path}: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="164" />
            <source>cannot write {path}: {reason} (is it open in another program?)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="250" />
            <source>card {card} already belongs to {other}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="209" />
            <source>choose a customer for the deal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="932" />
            <source>choose another stage of the same pipeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/customer_file.py" line="104" />
            <location filename="../../app/services/front_desk.py" line="77" />
            <source>customer {id} does not exist</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="859" />
            <source>deals are in this stage: move them before making it won or lost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="934" />
            <source>deals cannot be moved to lost without a reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="184" />
            <source>duplicates are skipped, updated or created, not {value}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="186" />
            <source>export cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="205" />
            <source>give a whole number from {lo} to {hi}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="150" />
            <source>give an amount (0 or more)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="889" />
            <source>give every stage of the pipeline once</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="191" />
            <source>give the days as a whole number, 1 to 3650</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="194" />
            <source>give the days for customers of any category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="670" />
            <source>give the mapping a name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/monthly.py" line="66" />
            <source>give the month as YYYY-MM, e.g. 2026-03</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="270" />
            <source>import cancelled; nothing was written</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="390" />
            <location filename="../../app/reports/export.py" line="396" />
            <source>more than {n} rows do not fit on a sheet: export to .csv or fewer rows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/cli.py" line="439" />
            <location filename="../../app/cli.py" line="444" />
            <source>no active user {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="107" />
            <source>no backup at {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="391" />
            <source>no column is mapped to the customer's name; map one (Name, 姓名, Nombre…)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="166" />
            <source>no customer with the number or id {ref}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="243" />
            <source>no database at {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="132" />
            <source>no file {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="146" />
            <location filename="../../app/services/tasks.py" line="361" />
            <source>no such active user</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="324" />
            <source>no tag called {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="216" />
            <source>not a valid database address: {url}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="327" />
            <source>one of the two customers no longer exists</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/access.py" line="111" />
            <source>only a manager gives customers to another salesperson</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/access.py" line="96" />
            <source>only a manager or an administrator may {what}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="447" />
            <source>only a manager sees other people's work</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/access.py" line="103" />
            <source>only an administrator may {what}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/settings.py" line="38" />
            <source>only an administrator or a manager changes office settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="786" />
            <source>only an administrator or a manager changes the stages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/cli.py" line="636" />
            <source>restore works on database files; use the server's tools for a server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/activities.py" line="49" />
            <location filename="../../app/services/tasks.py" line="229" />
            <source>satisfaction is scored 1 to 5</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="447" />
            <source>say why the deal was lost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/concurrency.py" line="18" />
            <source>someone else deleted this record meanwhile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/concurrency.py" line="20" />
            <source>someone else saved this record meanwhile (your version {seen}, now {now})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="443" />
            <source>that stage is not in this deal's pipeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="98" />
            <source>the amount is too large</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="86" />
            <source>the backup cannot overwrite the database itself</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="96" />
            <source>the backup did not check out ({why}); nothing was kept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="92" />
            <source>the backup failed: {err}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/demo.py" line="147" />
            <source>the database already holds customers; demo data goes into an empty database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="120" />
            <source>the database is in use by another PC; close Clientela there and try again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="388" />
            <location filename="../../app/db.py" line="416" />
            <source>the database is locked by another PC; try again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="223" />
            <source>the date is not a day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="225" />
            <source>the date {day} is out of range</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="78" />
            <source>the date {value} is in the future</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="80" />
            <source>the date {value} is too far in the past</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="445" />
            <source>the deal is already in this stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="212" />
            <source>the factor is a number from 1 to 20</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="739" />
            <source>the file has no column {column}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="237" />
            <source>the first day {first} comes after the last day {last}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="245" />
            <location filename="../../app/services/backup.py" line="88" />
            <source>the folder {folder} does not exist</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="718" />
            <source>the mapping {path} is not JSON: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="724" />
            <source>the mapping {path} must be an object of column: field</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/reports/monthly_workbook.py" line="511" />
            <source>the monthly workbook is a .xlsx file, not {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/monthly.py" line="612" />
            <source>the monthly workbook shows money figures you may not see</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="217" />
            <source>the name is too long (at most {limit} characters)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="234" />
            <source>the notes are too long (at most {limit} characters)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/demo.py" line="142" />
            <source>the number of demo customers cannot be negative</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="25" />
            <source>the phone number is too long</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="126" />
            <location filename="../../app/services/deals.py" line="130" />
            <location filename="../../app/services/pipeline.py" line="794" />
            <source>the probability is a percentage, 0 to 100</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="58" />
            <source>the program's migrations folder is missing; reinstall Clientela</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="431" />
            <source>the reason is too long</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="331" />
            <source>the sheet {sheet} has no row {row}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="1129" />
            <source>the sheet {sheet} has no rows under its header</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="336" />
            <source>the sheet {sheet} is empty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="137" />
            <source>the text is too long</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="147" />
            <source>the title is too long</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/users.py" line="105" />
            <source>the user name {username} is taken</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/monthly.py" line="619" />
            <source>the workbook was cancelled; no file was written</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="264" />
            <source>there is already an event called {name} on that day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/access.py" line="76" />
            <source>this customer belongs to another salesperson</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/activities.py" line="57" />
            <location filename="../../app/services/front_desk.py" line="182" />
            <location filename="../../app/services/reminders.py" line="884" />
            <location filename="../../app/services/tasks.py" line="133" />
            <source>this customer no longer exists</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="158" />
            <source>this database is open read-only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="138" />
            <source>this deal no longer exists</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="360" />
            <location filename="../../app/services/invitations.py" line="408" />
            <source>this event no longer exists</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="64" />
            <source>this field is required</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="847" />
            <source>this pipeline already has a lost stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="847" />
            <source>this pipeline already has a won stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="81" />
            <source>this task belongs to someone else</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="240" />
            <location filename="../../app/services/tasks.py" line="325" />
            <source>this task is already done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="237" />
            <location filename="../../app/services/tasks.py" line="322" />
            <location filename="../../app/services/tasks.py" line="366" />
            <source>this task no longer exists</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="89" />
            <source>unknown RFM segment {value}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="83" />
            <location filename="../../app/services/invitations.py" line="229" />
            <source>unknown channel {channel}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="87" />
            <source>unknown class {value}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/demo.py" line="136" />
            <source>unknown demo locale {locale}; choose one of {choices}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="731" />
            <source>unknown field {key} in {path}; fields: {fields}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/access.py" line="40" />
            <source>unknown or deactivated user</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="261" />
            <source>unknown owner {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="242" />
            <source>what came of it?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="875" />
            <source>why was the customer lost?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="873" />
            <source>won back, lost or ended</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="924" />
            <source>{count} deal(s) are in this stage: choose where they go</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="153" />
            <source>{file} cannot be read as a spreadsheet: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="95" />
            <source>{file} has no sheet {sheet}; its sheets: {names}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="166" />
            <source>{file} has no sheets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="140" />
            <source>{file} is empty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="186" />
            <source>{file} is not a spreadsheet or a CSV text file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="110" />
            <source>{path} cannot be restored: {why}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="228" />
            <source>{path} is a folder, not a database file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="134" />
            <source>{path} is a folder, not a file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="240" />
            <source>{path} is not a Clientela database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="349" />
            <source>{value} is neither a person nor a company</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="804" />
            <source>{value} is not a colour such as #4fc3f7</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="312" />
            <location filename="../../app/services/importer.py" line="317" />
            <location filename="../../app/services/importer.py" line="325" />
            <source>{value} is not a date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="476" />
            <source>{value} is not a membership level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="29" />
            <source>{value} is not a phone number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="31" />
            <source>{value} is not a possible phone number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="92" />
            <location filename="../../app/services/validation.py" line="94" />
            <source>{value} is not an amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="56" />
            <source>{value} is not an email address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="465" />
            <source>{value} looks mistyped (did you mean .com or .org?)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="397" />
            <source>{where} is not a Clientela database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/db.py" line="439" />
            <source>{where} was written by a newer version of Clientela (schema {rev}); update Clientela to change it</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>labels</name>
        <message>
            <location filename="../../app/ui/labels.py" line="29" />
            <source>Advertising</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="37" />
            <source>At risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="49" />
            <source>Call</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="26" />
            <source>Campaign</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="69" />
            <source>Cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="75" />
            <source>Card</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="74" />
            <source>Cash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="77" />
            <source>Cheque</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="80" />
            <source>Coach / bus</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="22" />
            <source>Company</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="58" />
            <source>Complaint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="71" />
            <source>Confirmed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="62" />
            <source>Decision maker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="36" />
            <source>Declining</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="72" />
            <source>Delivered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="51" />
            <source>Desk visit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="68" />
            <source>Done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="70" />
            <source>Draft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="54" />
            <source>Email</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="40" />
            <source>Ended</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="25" />
            <source>Event</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="65" />
            <source>Finance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="83" />
            <source>Freight</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="44" />
            <source>Gold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="34" />
            <source>Growing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="30" />
            <source>Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="73" />
            <source>Invoiced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="61" />
            <source>Level change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="38" />
            <source>Lost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="56" />
            <source>Meeting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="78" />
            <source>Mobile payment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="33" />
            <source>New</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="57" />
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="85" />
            <source>Official</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="66" />
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="42" />
            <source>Ordinary</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="31" />
            <source>Other</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="47" />
            <source>Passing trade</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="21" />
            <source>Person</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="28" />
            <source>Phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="59" />
            <source>Praise</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="79" />
            <source>Private</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="32" />
            <source>Prospect</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="63" />
            <source>Purchaser</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="24" />
            <source>Referral</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="46" />
            <source>Regular</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="84" />
            <source>Rental</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="52" />
            <source>Return visit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="55" />
            <source>SMS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="43" />
            <source>Silver</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="35" />
            <source>Steady</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="60" />
            <source>Suggestion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="82" />
            <source>Taxi</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="53" />
            <source>Test drive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="76" />
            <source>Transfer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="48" />
            <source>Unknown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="45" />
            <source>VIP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="50" />
            <source>Visit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="23" />
            <source>Walk-in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="27" />
            <source>Website</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="64" />
            <source>Window contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="67" />
            <source>Won</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="39" />
            <source>Won back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="81" />
            <source>Works vehicle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="41" />
            <source>—</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>segments</name>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="29" />
            <source>About to sleep</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="59" />
            <source>Amount owed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="51" />
            <source>Amount returned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="30" />
            <source>At risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="58" />
            <source>Average collection period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="57" />
            <source>Average payment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="49" />
            <source>Average purchase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="54" />
            <source>Average purchase cycle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="31" />
            <source>Can't lose them</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="23" />
            <source>Champions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="16" />
            <source>Class {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="65" />
            <source>Complaints</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="77" />
            <source>Contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="63" />
            <source>Contacts logged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="67" />
            <source>Customer relationship (scored by hand)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="55" />
            <source>Expected sales (open deals)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="76" />
            <source>Finance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="48" />
            <source>Gross margin</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="32" />
            <source>Hibernating</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="56" />
            <source>Largest payment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="50" />
            <source>Largest purchase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="24" />
            <source>Loyal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="28" />
            <source>Need attention</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="26" />
            <source>New customers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="45" />
            <source>Number of purchases</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="52" />
            <source>Number of returns</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="60" />
            <source>Owed against revenue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="68" />
            <source>Policy support (scored by hand)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="25" />
            <source>Potential loyalists</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="64" />
            <source>Praise</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="47" />
            <source>Profit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="27" />
            <source>Promising</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="62" />
            <source>Related deals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="61" />
            <source>Related tasks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="46" />
            <source>Revenue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="78" />
            <source>Scored by hand (1/3/5/7/9)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="66" />
            <source>Suggestions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="53" />
            <source>Time as customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="75" />
            <source>Transactions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="40" />
            <source>{0}+ vehicles a year</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
