<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
    <context>
        <name>AudienceFilters</name>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="382" />
            <source>%1 left out because they opted out of %2</source>
            <translation>%1 excluidos porque rechazaron %2</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="406" />
            <source>%1 not in the audience yet · %2 already in it</source>
            <translation>%1 aún no están en la audiencia · %2 ya están</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/audience_filters.py" line="380" />
            <source>%n customer(s) match</source>
            <translation>
                <numerusform>%n cliente coincide</numerusform>
                <numerusform>%n clientes coinciden</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="115" />
            <source>All cities</source>
            <translation>Todas las ciudades</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="116" />
            <source>All districts</source>
            <translation>Todos los distritos</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="401" />
            <source>All of them are in the audience already.</source>
            <translation>Todos ya están en la audiencia.</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="118" />
            <source>All owners</source>
            <translation>Todos los responsables</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="117" />
            <source>All tags</source>
            <translation>Todas las etiquetas</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="125" />
            <source>Any RFM segment</source>
            <translation>Cualquier segmento RFM</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="122" />
            <source>Any class</source>
            <translation>Cualquier clase</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="131" />
            <source>Any level</source>
            <translation>Cualquier nivel</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="119" />
            <source>Any stage</source>
            <translation>Cualquier etapa</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="135" />
            <source>Any vehicle use</source>
            <translation>Cualquier uso del vehículo</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="369" />
            <source>Cannot count</source>
            <translation>No se puede contar</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="145" />
            <source>City</source>
            <translation>Ciudad</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="148" />
            <source>Class</source>
            <translation>Clase</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="238" />
            <source>Classes, RFM segments and key accounts have not been worked out yet (Reports ▸ Work out segments), so filtering by them matches no one.</source>
            <translation>Aún no se han calculado las clases, los segmentos RFM ni los clientes clave (Informes ▸ Calcular segmentos), así que filtrar por ellos no encuentra a nadie.</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="175" />
            <location filename="../../app/ui/audience_filters.py" line="348" />
            <source>Counting…</source>
            <translation>Contando…</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="142" />
            <source>Customers who opted out of this channel are left out</source>
            <translation>Se excluyen los clientes que rechazaron este canal</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="145" />
            <source>District</source>
            <translation>Distrito</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="391" />
            <source>Everyone who matches opted out of this channel.</source>
            <translation>Todos los que coinciden rechazaron este canal.</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="149" />
            <source>Invite by</source>
            <translation>Invitar por</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="128" />
            <source>Key accounts (★) only</source>
            <translation>Solo clientes clave (★)</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="147" />
            <source>Level</source>
            <translation>Nivel</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="147" />
            <source>Lifecycle</source>
            <translation>Ciclo de vida</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="389" />
            <source>No customer matches these filters.</source>
            <translation>Ningún cliente coincide con estos filtros.</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="403" />
            <source>None of them is in the audience yet.</source>
            <translation>Ninguno está aún en la audiencia.</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="146" />
            <source>Owner</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="191" />
            <source>Post</source>
            <translation>Correo postal</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="148" />
            <source>RFM segment</source>
            <translation>Segmento RFM</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="146" />
            <source>Tag</source>
            <translation>Etiqueta</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="387" />
            <source>There are no customers yet: add or import them first.</source>
            <translation>Aún no hay clientes: añádalos o impórtelos primero.</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="149" />
            <source>Vehicle use</source>
            <translation>Uso del vehículo</translation>
        </message>
        <message>
            <location filename="../../app/ui/audience_filters.py" line="99" />
            <source>Who</source>
            <translation>A quién</translation>
        </message>
    </context>
    <context>
        <name>AuditView</name>
        <message numerus="yes">
            <location filename="../../app/ui/audit_view.py" line="488" />
            <source>%n row(s)</source>
            <translation>
                <numerusform>%n fila</numerusform>
                <numerusform>%n filas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="103" />
            <source>Action</source>
            <translation>Acción</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="81" />
            <source>Activities</source>
            <translation>Actividades</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="80" />
            <source>Activity</source>
            <translation>Actividad</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="344" />
            <source>Any action</source>
            <translation>Cualquier acción</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="349" />
            <source>Any record</source>
            <translation>Cualquier registro</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="341" />
            <source>Anyone</source>
            <translation>Cualquiera</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="93" />
            <location filename="../../app/ui/audit_view.py" line="501" />
            <source>Audit log</source>
            <translation>Registro de auditoría</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="91" />
            <source>Campaign</source>
            <translation>Campaña</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="60" />
            <source>Changed</source>
            <translation>Modificado</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="82" />
            <source>Contact person</source>
            <translation>Persona de contacto</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="83" />
            <source>Contact persons</source>
            <translation>Personas de contacto</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="59" />
            <source>Created</source>
            <translation>Creado</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="74" />
            <source>Customer</source>
            <translation>Cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="75" />
            <source>Customers</source>
            <translation>Clientes</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="76" />
            <source>Deal</source>
            <translation>Oportunidad</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="77" />
            <source>Deals</source>
            <translation>Oportunidades</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="61" />
            <source>Deleted</source>
            <translation>Eliminado</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="67" />
            <source>Erased</source>
            <translation>Borrado</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="493" />
            <source>Export the audit log</source>
            <translation>Exportar el registro de auditoría</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="65" />
            <source>Exported</source>
            <translation>Exportado</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="517" />
            <source>Exporting the audit log…</source>
            <translation>Exportando el registro de auditoría…</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="360" />
            <source>Export…</source>
            <translation>Exportar…</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="106" />
            <source>Field</source>
            <translation>Campo</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="350" />
            <source>From</source>
            <translation>Desde</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="105" />
            <source>Id</source>
            <translation>Id</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="92" />
            <source>Import</source>
            <translation>Importar</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="66" />
            <source>Imported</source>
            <translation>Importado</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="63" />
            <source>Merged</source>
            <translation>Fusionado</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="94" />
            <source>Monthly workbook</source>
            <translation>Libro mensual</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="108" />
            <source>New</source>
            <translation>Nuevo</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="109" />
            <source>Note</source>
            <translation>Nota</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="107" />
            <source>Old</source>
            <translation>Anterior</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="365" />
            <source>Only managers and administrators read the audit log.</source>
            <translation>Solo los gerentes y los administradores leen el registro de auditoría.</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="86" />
            <source>Orders</source>
            <translation>Pedidos</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="87" />
            <source>Payments</source>
            <translation>Pagos</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="90" />
            <source>Pipeline stage</source>
            <translation>Etapa del embudo</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="64" />
            <source>Reassigned</source>
            <translation>Reasignado</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="104" />
            <source>Record</source>
            <translation>Registro</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="62" />
            <source>Restored</source>
            <translation>Restaurado</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="95" />
            <source>Sales target</source>
            <translation>Objetivo de ventas</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="89" />
            <source>Setting</source>
            <translation>Ajuste</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="68" />
            <source>Sign-in</source>
            <translation>Inicio de sesión</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="78" />
            <source>Task</source>
            <translation>Tarea</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="79" />
            <source>Tasks</source>
            <translation>Tareas</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="358" />
            <source>Text in field, values or note</source>
            <translation>Texto en el campo, los valores o la nota</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="88" />
            <source>User</source>
            <translation>Usuario</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="84" />
            <source>Vehicle</source>
            <translation>Vehículo</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="85" />
            <source>Vehicles</source>
            <translation>Vehículos</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="101" />
            <source>When</source>
            <translation>Cuándo</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="102" />
            <source>Who</source>
            <translation>Quién</translation>
        </message>
        <message>
            <location filename="../../app/ui/audit_view.py" line="353" />
            <source>to</source>
            <translation>hasta</translation>
        </message>
    </context>
    <context>
        <name>BoardColumn</name>
        <message numerus="yes">
            <location filename="../../app/ui/pipeline_board.py" line="149" />
            <source>%n deal(s)</source>
            <translation>
                <numerusform>%n oportunidad</numerusform>
                <numerusform>%n oportunidades</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pipeline_board.py" line="154" />
            <source>Amount %1
Weighted %2</source>
            <translation>Importe %1
Ponderado %2</translation>
        </message>
        <message>
            <location filename="../../app/ui/pipeline_board.py" line="116" />
            <source>Collapse or expand this column</source>
            <translation>Contraer o expandir esta columna</translation>
        </message>
        <message>
            <location filename="../../app/ui/pipeline_board.py" line="159" />
            <source>Total amount %1, weighted by probability %2</source>
            <translation>Importe total %1, ponderado por probabilidad %2</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pipeline_board.py" line="151" />
            <source>closed in the last %n day(s)</source>
            <translation>
                <numerusform>cerrada en el último día</numerusform>
                <numerusform>cerradas en los últimos %n días</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CampaignAudienceDialog</name>
        <message>
            <location filename="../../app/ui/campaign_audience_dialog.py" line="159" />
            <source>%1 were on its list already</source>
            <translation>%1 ya estaban en su lista</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/campaign_audience_dialog.py" line="157" />
            <source>%n customer(s) added to the campaign</source>
            <translation>
                <numerusform>%n cliente añadido a la campaña</numerusform>
                <numerusform>%n clientes añadidos a la campaña</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/campaign_audience_dialog.py" line="102" />
            <source>%n on the list</source>
            <translation>
                <numerusform>%n en la lista</numerusform>
                <numerusform>%n en la lista</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_audience_dialog.py" line="79" />
            <source>Add to the campaign</source>
            <translation>Añadir a la campaña</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_audience_dialog.py" line="145" />
            <source>Adding customers to the campaign…</source>
            <translation>Añadiendo clientes a la campaña…</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_audience_dialog.py" line="51" />
            <source>Choose audience</source>
            <translation>Elegir audiencia</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_audience_dialog.py" line="98" />
            <source>Choose the audience of %1</source>
            <translation>Elegir la audiencia de %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_audience_dialog.py" line="85" />
            <source>This database or your role allows no changes</source>
            <translation>Esta base de datos o su función no permite cambios</translation>
        </message>
    </context>
    <context>
        <name>CampaignMembersDialog</name>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="104" />
            <source>%1 invited, %2 responded</source>
            <translation>%1 invitados, %2 respondieron</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="76" />
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="57" />
            <source>Customer</source>
            <translation>Cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="46" />
            <source>Invited to %1</source>
            <translation>Invitados a %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="69" />
            <source>No answer</source>
            <translation>Sin respuesta</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="57" />
            <source>Owner</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="57" />
            <source>Phone</source>
            <translation>Teléfono</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaign_members_dialog.py" line="57" />
            <source>Response</source>
            <translation>Respuesta</translation>
        </message>
    </context>
    <context>
        <name>CampaignsTab</name>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="79" />
            <source>Add customers to the selected campaign's list, chosen by place, tag, segment, level or vehicle use</source>
            <translation>Añadir clientes a la lista de la campaña seleccionada, elegidos por lugar, etiqueta, segmento, nivel o uso del vehículo</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="105" />
            <location filename="../../app/ui/campaigns_tab.py" line="121" />
            <source>Buyers</source>
            <translation>Compradores</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="99" />
            <source>Campaign</source>
            <translation>Campaña</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="76" />
            <source>Choose audience…</source>
            <translation>Elegir audiencia…</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="107" />
            <source>Cost</source>
            <translation>Coste</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="121" />
            <source>Customers</source>
            <translation>Clientes</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="115" />
            <source>Customers acquired in the period, by lead source</source>
            <translation>Clientes captados en el periodo, por origen</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="113" />
            <source>Double-click a campaign for its invited customers</source>
            <translation>Doble clic en una campaña para ver sus invitados</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="102" />
            <source>Invited</source>
            <translation>Invitados</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="100" />
            <source>Kind</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="121" />
            <source>Lead source</source>
            <translation>Origen</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="86" />
            <source>New campaign…</source>
            <translation>Nueva campaña…</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="104" />
            <source>New customers</source>
            <translation>Clientes nuevos</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="69" />
            <source>Refresh</source>
            <translation>Actualizar</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="103" />
            <source>Responded</source>
            <translation>Respondieron</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="106" />
            <location filename="../../app/ui/campaigns_tab.py" line="121" />
            <source>Revenue</source>
            <translation>Ingresos</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="108" />
            <source>Revenue per cost</source>
            <translation>Ingresos por coste</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/campaigns_tab.py" line="161" />
            <source>Revenue: orders of invited customers and of customers the campaign brought in, from its first day to %n day(s) after its last.</source>
            <translation>
                <numerusform>Ingresos: pedidos de los clientes invitados y de los que trajo la campaña, desde su primer día hasta %n día después del último.</numerusform>
                <numerusform>Ingresos: pedidos de los clientes invitados y de los que trajo la campaña, desde su primer día hasta %n días después del último.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="65" />
            <source>Started from</source>
            <translation>Iniciadas desde</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="101" />
            <source>Starts</source>
            <translation>Inicio</translation>
        </message>
        <message>
            <location filename="../../app/ui/campaigns_tab.py" line="67" />
            <source>to</source>
            <translation>hasta</translation>
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
                <numerusform>%n caso</numerusform>
                <numerusform>%n casos</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="69" />
            <source>All</source>
            <translation>Todas</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="92" />
            <source>Case</source>
            <translation>Caso</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="134" />
            <source>Cases</source>
            <translation>Casos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="91" />
            <source>Customer</source>
            <translation>Cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="94" />
            <source>Due</source>
            <translation>Vence</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="77" />
            <source>Everyone's</source>
            <translation>De todos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="271" />
            <source>Export cases</source>
            <translation>Exportar casos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="126" />
            <source>Export…</source>
            <translation>Exportar…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="119" />
            <source>Give to…</source>
            <translation>Pasar a…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="67" />
            <source>In progress</source>
            <translation>En curso</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="76" />
            <source>My cases</source>
            <translation>Mis casos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="64" />
            <source>Not resolved</source>
            <translation>Sin resolver</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="66" />
            <source>Open</source>
            <translation>Abrir</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="90" />
            <source>Opened</source>
            <translation>Abierto el</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="65" />
            <source>Overdue</source>
            <translation>Vencidas</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="93" />
            <source>Owner</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="68" />
            <source>Resolved</source>
            <translation>Resuelto</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="115" />
            <source>Resolve…</source>
            <translation>Resolver…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="96" />
            <source>Satisfaction</source>
            <translation>Satisfacción</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="111" />
            <source>Start work</source>
            <translation>Empezar a trabajar</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="95" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="60" />
            <source>Status:</source>
            <translation>Estado:</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/cases.py" line="271" />
            <source>cases</source>
            <translation>casos</translation>
        </message>
    </context>
    <context>
        <name>ChartView</name>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="104" />
            <source>PNG images (*.png)</source>
            <translation>Imágenes PNG (*.png)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="104" />
            <source>Save chart</source>
            <translation>Guardar gráfico</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="99" />
            <source>Save chart as PNG…</source>
            <translation>Guardar gráfico como PNG…</translation>
        </message>
    </context>
    <context>
        <name>ConflictBox</name>
        <message>
            <location filename="../../app/ui/conflict_box.py" line="30" />
            <source>Keep mine</source>
            <translation>Conservar la mía</translation>
        </message>
        <message>
            <location filename="../../app/ui/conflict_box.py" line="28" />
            <source>Reload theirs</source>
            <translation>Cargar la suya</translation>
        </message>
        <message>
            <location filename="../../app/ui/conflict_box.py" line="23" />
            <source>Reload theirs: show their version; your changes are discarded.
Keep mine: save your version over theirs.</source>
            <translation>Cargar la suya: muestra su versión; sus cambios se descartan.
Conservar la mía: guarda su versión encima de la otra.</translation>
        </message>
        <message>
            <location filename="../../app/ui/conflict_box.py" line="20" />
            <source>Saved elsewhere</source>
            <translation>Guardado en otro equipo</translation>
        </message>
    </context>
    <context>
        <name>ConsentDialog</name>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="104" />
            <source>By</source>
            <translation>Por</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="104" />
            <source>Channel</source>
            <translation>Canal</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="104" />
            <source>Consent</source>
            <translation>Consentimiento</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="97" />
            <source>Consent history</source>
            <translation>Historial de consentimientos</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="111" />
            <source>Given</source>
            <translation>Dado</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="122" />
            <source>No consent was given or withdrawn yet.</source>
            <translation>Aún no se ha dado ni retirado ningún consentimiento.</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="104" />
            <source>When</source>
            <translation>Cuándo</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="111" />
            <source>Withdrawn</source>
            <translation>Retirado</translation>
        </message>
    </context>
    <context>
        <name>ContractsDialog</name>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="161" />
            <location filename="../../app/ui/contracts_dialog.py" line="262" />
            <source>Add contract</source>
            <translation>Añadir contrato</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="94" />
            <location filename="../../app/ui/contracts_dialog.py" line="151" />
            <source>Amount</source>
            <translation>Importe</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="50" />
            <source>Cancelled</source>
            <translation>Cancelado</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="49" />
            <source>Completed</source>
            <translation>Completado</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="237" />
            <source>Contract %1</source>
            <translation>Contrato %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="339" />
            <source>Contract %1 added.</source>
            <translation>Contrato %1 añadido.</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="342" />
            <source>Contract %1 saved.</source>
            <translation>Contrato %1 guardado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="85" />
            <source>Contracts: %1</source>
            <translation>Contratos: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="138" />
            <source>Dates</source>
            <translation>Fechas</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="95" />
            <source>Delivered</source>
            <translation>Entregado</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="107" />
            <source>Double-click a contract to change it</source>
            <translation>Doble clic en un contrato para cambiarlo</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="46" />
            <source>Draft</source>
            <translation>Borrador</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="93" />
            <source>Ends</source>
            <translation>Termina</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="133" />
            <source>From</source>
            <translation>Desde</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="48" />
            <source>In force</source>
            <translation>En vigor</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="96" />
            <source>Invoiced</source>
            <translation>Facturado</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="110" />
            <location filename="../../app/ui/contracts_dialog.py" line="166" />
            <location filename="../../app/ui/contracts_dialog.py" line="261" />
            <source>New contract</source>
            <translation>Nuevo contrato</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="288" />
            <source>Not saved: someone else saved this contract meanwhile.</source>
            <translation>No guardado: otra persona guardó este contrato entretanto.</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="155" />
            <source>Notes</source>
            <translation>Notas</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="90" />
            <location filename="../../app/ui/contracts_dialog.py" line="124" />
            <source>Number</source>
            <translation>Número</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="254" />
            <source>Save contract</source>
            <translation>Guardar contrato</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="299" />
            <source>Showing their version.</source>
            <translation>Se muestra su versión.</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="47" />
            <source>Signed</source>
            <translation>Firmado</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="126" />
            <source>Signed on</source>
            <translation>Firmado el</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="308" />
            <source>Someone else saved this contract meanwhile.</source>
            <translation>Otra persona guardó este contrato entretanto.</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="92" />
            <location filename="../../app/ui/contracts_dialog.py" line="148" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="91" />
            <location filename="../../app/ui/contracts_dialog.py" line="122" />
            <source>Title</source>
            <translation>Título</translation>
        </message>
        <message>
            <location filename="../../app/ui/contracts_dialog.py" line="135" />
            <source>to</source>
            <translation>hasta</translation>
        </message>
    </context>
    <context>
        <name>CreditSettingsTab</name>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="66" />
            <source> days</source>
            <translation> días</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="72" />
            <source>Credit limit</source>
            <translation>Límite de crédito</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="67" />
            <source>Credit term</source>
            <translation>Plazo de crédito</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="55" />
            <source>For customers whose own credit terms are empty. An order is due on its date plus the credit term.</source>
            <translation>Para los clientes sin condiciones de crédito propias. Un pedido vence en su fecha más el plazo de crédito.</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="79" />
            <source>Payment terms</source>
            <translation>Condiciones de pago</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="91" />
            <source>Refuse such orders</source>
            <translation>Rechazar esos pedidos</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="123" />
            <source>Saved.</source>
            <translation>Guardado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="82" />
            <source>Saving an order over the customer's credit limit, or for a customer more than 30 days overdue, shows a warning with the figures; the office may refuse such orders instead.</source>
            <translation>Guardar un pedido por encima del límite de crédito del cliente, o de un cliente con más de 30 días de retraso, muestra un aviso con las cifras; la oficina puede rechazar esos pedidos en su lugar.</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="75" />
            <source>Statement day of the month</source>
            <translation>Día de cierre del mes</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="70" />
            <source>no limit</source>
            <translation>sin límite</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="74" />
            <source>none</source>
            <translation>ninguno</translation>
        </message>
    </context>
    <context>
        <name>CustomerCreditDialog</name>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="241" />
            <source>%1 overdue; the oldest unpaid order is %2 days past due.</source>
            <translation>%1 vencido; el pedido impagado más antiguo lleva %2 días vencido.</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="175" />
            <source>1–30 days</source>
            <translation>1–30 días</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="176" />
            <source>31–60 days</source>
            <translation>31–60 días</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="177" />
            <source>61–90 days</source>
            <translation>61–90 días</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="162" />
            <source>Credit limit</source>
            <translation>Límite de crédito</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="163" />
            <source>Credit term (days)</source>
            <translation>Plazo de crédito (días)</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="147" />
            <source>Credit: %1</source>
            <translation>Crédito: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="174" />
            <source>Not yet due</source>
            <translation>Sin vencer</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="246" />
            <source>Nothing is overdue.</source>
            <translation>No hay nada vencido.</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="178" />
            <source>Over 90 days</source>
            <translation>Más de 90 días</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="168" />
            <source>Owed by days past due</source>
            <translation>Deuda por días de retraso</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="165" />
            <source>Payment terms</source>
            <translation>Condiciones de pago</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="164" />
            <source>Statement day of the month</source>
            <translation>Día de cierre del mes</translation>
        </message>
        <message>
            <location filename="../../app/ui/credit_settings.py" line="230" />
            <location filename="../../app/ui/credit_settings.py" line="235" />
            <source>office: %1</source>
            <translation>oficina: %1</translation>
        </message>
    </context>
    <context>
        <name>CustomerForm</name>
        <message>
            <location filename="../../app/ui/customer_form.py" line="808" />
            <source>%1 logged.</source>
            <translation>%1 registrado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="332" />
            <source>%1[*] — Customer</source>
            <translation>%1[*] — Cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="309" />
            <source>Amount</source>
            <translation>Importe</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="288" />
            <source>Birthday</source>
            <translation>Cumpleaños</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="299" />
            <source>Brand</source>
            <translation>Marca</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="241" />
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="581" />
            <source>Created %1</source>
            <translation>Creado el %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="309" />
            <source>Deal</source>
            <translation>Oportunidad</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="275" />
            <source>Deals</source>
            <translation>Oportunidades</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="320" />
            <source>Due</source>
            <translation>Vence</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="287" />
            <source>Email</source>
            <translation>Correo electrónico</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="290" />
            <source>Fill in at least the name, then save with %1.</source>
            <translation>Rellene al menos el nombre y guarde con %1.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="280" />
            <source>History</source>
            <translation>Historial de cambios</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="864" />
            <source>If you don't save, your changes are lost.</source>
            <translation>Si no guarda, sus cambios se perderán.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="279" />
            <source>Key account</source>
            <translation>Cliente clave</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="612" />
            <source>Key score %1</source>
            <translation>Puntuación clave %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="583" />
            <source>Last visit %1</source>
            <translation>Última visita %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="378" />
            <location filename="../../app/ui/customer_form.py" line="427" />
            <source>Loading…</source>
            <translation>Cargando…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="656" />
            <source>Looking for duplicates…</source>
            <translation>Buscando duplicados…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="286" />
            <source>Mobile</source>
            <translation>Móvil</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="299" />
            <source>Model</source>
            <translation>Modelo</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="282" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="299" />
            <source>Nature</source>
            <translation>Naturaleza</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="288" />
            <location filename="../../app/ui/customer_form.py" line="331" />
            <source>New customer</source>
            <translation>Nuevo cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="205" />
            <source>New deal…</source>
            <translation>Nueva oportunidad…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="290" />
            <source>No contact persons recorded.</source>
            <translation>No hay personas de contacto registradas.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="310" />
            <source>No deals with this customer.</source>
            <translation>No hay oportunidades con este cliente.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="321" />
            <source>No tasks for this customer.</source>
            <translation>No hay tareas para este cliente.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="300" />
            <source>No vehicles recorded.</source>
            <translation>No hay vehículos registrados.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="675" />
            <location filename="../../app/ui/customer_form.py" line="725" />
            <source>Not saved.</source>
            <translation>No guardado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="735" />
            <source>Not saved: please correct the marked field.</source>
            <translation>No guardado: corrija el campo marcado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="769" />
            <source>Not saved: someone deleted this customer meanwhile.</source>
            <translation>No guardado: alguien eliminó este cliente mientras tanto.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="751" />
            <source>Not saved: someone else saved this customer meanwhile.</source>
            <translation>No guardado: otra persona guardó este cliente mientras tanto.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="586" />
            <source>Owed: %1</source>
            <translation>Pendiente de pago: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="580" />
            <source>Owner: %1</source>
            <translation>Responsable: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="271" />
            <source>People</source>
            <translation>Personas</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="285" />
            <source>Phone</source>
            <translation>Teléfono</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="299" />
            <source>Plate</source>
            <translation>Matrícula</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="270" />
            <source>Profile</source>
            <translation>Perfil</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="274" />
            <source>Purchases &amp;&amp; payments</source>
            <translation>Compras y pagos</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="283" />
            <source>Role in buying</source>
            <translation>Papel en la compra</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="235" />
            <source>Save</source>
            <translation>Guardar</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="237" />
            <source>Save (%1)</source>
            <translation>Guardar (%1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="863" />
            <source>Save the changes to %1?</source>
            <translation>¿Guardar los cambios de %1?</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="298" />
            <source>Save the new customer first</source>
            <translation>Guarde primero el nuevo cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="712" />
            <source>Saved.</source>
            <translation>Guardado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="681" />
            <location filename="../../app/ui/customer_form.py" line="693" />
            <location filename="../../app/ui/customer_form.py" line="780" />
            <source>Saving…</source>
            <translation>Guardando…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="277" />
            <source>Service</source>
            <translation>Servicio</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="746" />
            <source>Showing their version.</source>
            <translation>Se muestra su versión.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="892" />
            <source>Someone else saved this customer meanwhile.</source>
            <translation>Otra persona guardó este cliente mientras tanto.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="309" />
            <source>Stage</source>
            <translation>Etapa</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="309" />
            <location filename="../../app/ui/customer_form_tabs.py" line="320" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="320" />
            <source>Task</source>
            <translation>Tarea</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="276" />
            <source>Tasks</source>
            <translation>Tareas</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="278" />
            <source>Team</source>
            <translation>Equipo</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="573" />
            <source>The customer file could not be loaded.</source>
            <translation>No se pudo cargar la ficha del cliente.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="176" />
            <source>This customer was deleted. Restore it from the customer list to edit.</source>
            <translation>Este cliente fue eliminado. Restáurelo desde la lista de clientes para editarlo.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="273" />
            <source>Timeline</source>
            <translation>Seguimiento</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="284" />
            <source>Title</source>
            <translation>Cargo</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="861" />
            <source>Unsaved changes</source>
            <translation>Cambios sin guardar</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="299" />
            <source>Use</source>
            <translation>Uso</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="272" />
            <source>Vehicles</source>
            <translation>Vehículos</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="584" />
            <source>Visits in 90 days: %1</source>
            <translation>Visitas en 90 días: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="862" />
            <source>the new customer</source>
            <translation>el nuevo cliente</translation>
        </message>
    </context>
    <context>
        <name>CustomerTableModel</name>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="73" />
            <source>Category</source>
            <translation>Categoría</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="67" />
            <source>City</source>
            <translation>Ciudad</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="76" />
            <source>Class</source>
            <translation>Clase</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="74" />
            <source>Created</source>
            <translation>Creado</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="68" />
            <source>District</source>
            <translation>Distrito</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="66" />
            <source>Email</source>
            <translation>Correo electrónico</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="78" />
            <source>Key score</source>
            <translation>Puntuación clave</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="64" />
            <source>Kind</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="72" />
            <source>Level</source>
            <translation>Nivel</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="71" />
            <source>Lifecycle</source>
            <translation>Ciclo de vida</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="63" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="62" />
            <source>Number</source>
            <translation>Número</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="69" />
            <source>Owner</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="65" />
            <source>Phone</source>
            <translation>Teléfono</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="75" />
            <source>Plates</source>
            <translation>Matrículas</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="77" />
            <source>RFM segment</source>
            <translation>Segmento RFM</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="70" />
            <source>Source</source>
            <translation>Origen</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/customer_table.py" line="79" />
            <source>Tier</source>
            <translation>Nivel de flota</translation>
        </message>
    </context>
    <context>
        <name>CustomersPage</name>
        <message numerus="yes">
            <location filename="../../app/ui/pages/customers.py" line="259" />
            <source>%n customer(s)</source>
            <translation>
                <numerusform>%n cliente</numerusform>
                <numerusform>%n clientes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/customers.py" line="460" />
            <source>%n customer(s) exported to %1</source>
            <translation>
                <numerusform>%n cliente exportado a %1</numerusform>
                <numerusform>%n clientes exportados a %1</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="429" />
            <source>Address</source>
            <translation>Dirección</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="123" />
            <source>All cities</source>
            <translation>Todas las ciudades</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="106" />
            <source>All owners</source>
            <translation>Todos los responsables</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="109" />
            <source>All tags</source>
            <translation>Todas las etiquetas</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="139" />
            <source>Any RFM segment</source>
            <translation>Cualquier segmento RFM</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="134" />
            <source>Any class</source>
            <translation>Cualquier clase</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="117" />
            <source>Any level</source>
            <translation>Cualquier nivel</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="112" />
            <source>Any stage</source>
            <translation>Cualquier etapa</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="428" />
            <source>Birthday</source>
            <translation>Cumpleaños</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="427" />
            <source>Card</source>
            <translation>Tarjeta</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="92" />
            <location filename="../../app/ui/pages/customers.py" line="431" />
            <source>Customers</source>
            <translation>Clientes</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="399" />
            <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
            <translation>Libro de Excel (*.xlsx);;CSV, UTF-8 (*.csv)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="458" />
            <source>Export</source>
            <translation>Exportar</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="397" />
            <source>Export customers</source>
            <translation>Exportar clientes</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="449" />
            <source>Exporting customers…</source>
            <translation>Exportando clientes…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="193" />
            <source>Export…</source>
            <translation>Exportar…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="127" />
            <source>Has a vehicle</source>
            <translation>Con vehículo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="201" />
            <source>Invite customers to an event, starting from these filters</source>
            <translation>Invitar clientes a un evento a partir de estos filtros</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="198" />
            <source>Invite to event…</source>
            <translation>Invitar a un evento…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="321" />
            <source>Merge these two customers…</source>
            <translation>Fusionar estos dos clientes…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="100" />
            <source>Name, phone, plate, card…</source>
            <translation>Nombre, teléfono, matrícula, tarjeta…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="172" />
            <source>New customer</source>
            <translation>Nuevo cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="128" />
            <source>No vehicle</source>
            <translation>Sin vehículo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="318" />
            <source>Open</source>
            <translation>Abrir</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="129" />
            <source>Owes money</source>
            <translation>Con deuda</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="426" />
            <source>Phone 2</source>
            <translation>Teléfono 2</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="195" />
            <source>Save the customers shown, as filtered and sorted</source>
            <translation>Guardar los clientes mostrados, filtrados y ordenados</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="149" />
            <source>Show all</source>
            <translation>Mostrar todos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="126" />
            <source>With or without vehicle</source>
            <translation>Con o sin vehículo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="398" />
            <source>customers</source>
            <translation>clientes</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/customers.py" line="142" />
            <source>★ Key accounts</source>
            <translation>★ Clientes clave</translation>
        </message>
    </context>
    <context>
        <name>DatabaseSettingsTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/database_settings.py" line="185" />
            <source>%1 (%n day(s) ago) in %2</source>
            <translation>
                <numerusform>%1 (hace %n día) en %2</numerusform>
                <numerusform>%1 (hace %n días) en %2</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="290" />
            <source>%1 rows copied and counted on both sides.</source>
            <translation>%1 filas copiadas y contadas en ambos lados.</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="158" />
            <source>A PostgreSQL server</source>
            <translation>Un servidor PostgreSQL</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="157" />
            <source>A file on a network drive, shared by several PCs</source>
            <translation>Un archivo en una unidad de red, compartido por varios equipos</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="156" />
            <source>A file on this PC</source>
            <translation>Un archivo en este equipo</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="108" />
            <source>Back up now</source>
            <translation>Hacer copia ahora</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="240" />
            <source>Backed up and checked.</source>
            <translation>Copia hecha y comprobada.</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="164" />
            <source>Backed up with the server's own tools.</source>
            <translation>Copia hecha con las herramientas del propio servidor.</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="232" />
            <source>Backing up…</source>
            <translation>Haciendo copia…</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="192" />
            <source>Backup folder</source>
            <translation>Carpeta de copias</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="87" />
            <source>Backups</source>
            <translation>Copias de seguridad</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="93" />
            <source>Beside the database, in “backups”</source>
            <translation>Junto a la base de datos, en «backups»</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="283" />
            <location filename="../../app/ui/database_settings.py" line="314" />
            <source>Cancelled; the server was left empty.</source>
            <translation>Cancelado; el servidor quedó vacío.</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="94" />
            <source>Choose…</source>
            <translation>Elegir…</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="260" />
            <source>Connect to a server</source>
            <translation>Conectar a un servidor</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="69" />
            <source>Connect to a server…</source>
            <translation>Conectar a un servidor…</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="75" />
            <source>Copy everything into an empty PostgreSQL database and check every table; this file is only read</source>
            <translation>Copiar todo a una base de datos PostgreSQL vacía y comprobar cada tabla; este archivo solo se lee</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="276" />
            <source>Copying to the server…</source>
            <translation>Copiando al servidor…</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="103" />
            <source>Folder</source>
            <translation>Carpeta</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="67" />
            <source>Kind</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="107" />
            <source>Last good backup</source>
            <translation>Última copia válida</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="66" />
            <source>Location</source>
            <translation>Ubicación</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="269" />
            <source>Move this office to a server</source>
            <translation>Trasladar esta oficina a un servidor</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="72" />
            <source>Move this office to a server…</source>
            <translation>Trasladar esta oficina a un servidor…</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="295" />
            <source>Moved</source>
            <translation>Trasladado</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="279" />
            <source>Moving the office to the server…</source>
            <translation>Trasladando la oficina al servidor…</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="246" />
            <source>No backup was made.</source>
            <translation>No se hizo ninguna copia.</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="182" />
            <source>None yet in %1</source>
            <translation>Aún ninguna en %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="317" />
            <source>Nothing was moved.</source>
            <translation>No se trasladó nada.</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="97" />
            <source>Save</source>
            <translation>Guardar</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="212" />
            <source>Saved.</source>
            <translation>Guardado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="254" />
            <source>Server address, e.g. postgresql+psycopg://clientela:password@server/office</source>
            <translation>Dirección del servidor, p. ej. postgresql+psycopg://clientela:password@server/office</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="116" />
            <source>The first start of each day makes a copy; the last 14 days and one copy a month for a year are kept. A server is backed up with its own tools.</source>
            <translation>El primer inicio de cada día hace una copia; se conservan los últimos 14 días y una copia al mes durante un año. Un servidor se copia con sus propias herramientas.</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="297" />
            <source>The office's data is on the server. Open it now? Point the other PCs at the same address (Settings ▸ Database ▸ Connect to a server).</source>
            <translation>Los datos de la oficina están en el servidor. ¿Abrirlo ahora? Conecte los demás equipos a la misma dirección (Configuración ▸ Base de datos ▸ Conectar a un servidor).</translation>
        </message>
        <message>
            <location filename="../../app/ui/database_settings.py" line="57" />
            <source>This office's database</source>
            <translation>La base de datos de esta oficina</translation>
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
Importe %3 · ponderado %4
Responsable %5</translation>
        </message>
    </context>
    <context>
        <name>DealForm</name>
        <message>
            <location filename="../../app/ui/deal_form.py" line="173" />
            <source>Activities</source>
            <translation>Actividades</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="143" />
            <source>Amount</source>
            <translation>Importe</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="163" />
            <source>By</source>
            <translation>Por</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="186" />
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="79" />
            <source>Deal</source>
            <translation>Oportunidad</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="145" />
            <source>Expected close</source>
            <translation>Cierre previsto</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="174" />
            <source>History</source>
            <translation>Historial de cambios</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="163" />
            <source>Kind</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="221" />
            <source>Loading…</source>
            <translation>Cargando…</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="381" />
            <source>Not saved.</source>
            <translation>No guardado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="390" />
            <source>Not saved: please correct the marked field.</source>
            <translation>No guardado: corrija el campo marcado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="414" />
            <source>Not saved: someone else saved this deal meanwhile.</source>
            <translation>No guardado: otra persona guardó esta oportunidad mientras tanto.</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="147" />
            <source>Notes</source>
            <translation>Notas</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="90" />
            <source>Open customer</source>
            <translation>Abrir cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="249" />
            <source>Owner: {name}</source>
            <translation>Responsable: {name}</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="141" />
            <source>Pipeline</source>
            <translation>Embudo</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="144" />
            <source>Probability %</source>
            <translation>Probabilidad %</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="146" />
            <source>Products</source>
            <translation>Productos</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="182" />
            <source>Save</source>
            <translation>Guardar</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="372" />
            <source>Saved, and moved to pipeline %1, stage %2.</source>
            <translation>Guardado y movido al embudo %1, etapa %2.</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="369" />
            <source>Saved.</source>
            <translation>Guardado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="107" />
            <source>Saving moves the deal to this pipeline, in the stage matching its own</source>
            <translation>Al guardar, la oportunidad pasa a este embudo, en la etapa que corresponde a la suya</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="363" />
            <location filename="../../app/ui/deal_form.py" line="411" />
            <source>Saving…</source>
            <translation>Guardando…</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="396" />
            <source>Showing their version.</source>
            <translation>Se muestra su versión.</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="417" />
            <source>Someone else saved this deal meanwhile.</source>
            <translation>Otra persona guardó esta oportunidad mientras tanto.</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="246" />
            <source>Stage: {stage} ({p} %)</source>
            <translation>Etapa: {stage} ({p} %)</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="239" />
            <source>This deal was deleted.</source>
            <translation>Esta oportunidad fue eliminada.</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="142" />
            <source>Title</source>
            <translation>Título</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="163" />
            <source>What</source>
            <translation>Qué</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="163" />
            <source>When</source>
            <translation>Cuándo</translation>
        </message>
        <message>
            <location filename="../../app/ui/deal_form.py" line="252" />
            <source>the stage's: {p}</source>
            <translation>la de la etapa: {p}</translation>
        </message>
    </context>
    <context>
        <name>DeskCardWidget</name>
        <message>
            <location filename="../../app/ui/desk_card.py" line="119" />
            <source>%1 points</source>
            <translation>%1 puntos</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="64" />
            <source>%n days ago</source>
            <translation>
                <numerusform>hace %n día</numerusform>
                <numerusform>hace %n días</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="113" />
            <source>%n open complaints</source>
            <translation>
                <numerusform>%n queja abierta</numerusform>
                <numerusform>%n quejas abiertas</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="84" />
            <source>%n visits</source>
            <translation>
                <numerusform>%n visita</numerusform>
                <numerusform>%n visitas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="112" />
            <source>1 open complaint</source>
            <translation>1 queja abierta</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="83" />
            <source>1 visit</source>
            <translation>1 visita</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="296" />
            <source>As the answers before</source>
            <translation>Igual que las respuestas anteriores</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="294" />
            <source>Better than the answers before</source>
            <translation>Mejor que las respuestas anteriores</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="204" />
            <source>Birthday</source>
            <translation>Cumpleaños</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="105" />
            <source>Birthday in %n days</source>
            <translation>
                <numerusform>Cumpleaños en %n día</numerusform>
                <numerusform>Cumpleaños en %n días</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="102" />
            <source>Birthday today!</source>
            <translation>¡Cumpleaños hoy!</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="104" />
            <source>Birthday tomorrow</source>
            <translation>Cumpleaños mañana</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="264" />
            <source>Card %1</source>
            <translation>Tarjeta %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="206" />
            <source>Complaints</source>
            <translation>Quejas</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="76" />
            <source>Every %n days</source>
            <translation>
                <numerusform>Cada día</numerusform>
                <numerusform>Cada %n días</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="75" />
            <source>Every day</source>
            <translation>Cada día</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="231" />
            <source>Last purchases</source>
            <translation>Últimas compras</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="210" />
            <source>Last satisfaction</source>
            <translation>Última satisfacción</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="203" />
            <source>Last visit</source>
            <translation>Última visita</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="129" />
            <source>No purchases yet</source>
            <translation>Aún sin compras</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="53" />
            <source>No visit yet</source>
            <translation>Aún sin visitas</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="285" />
            <source>Nobody</source>
            <translation>Nadie</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="81" />
            <location filename="../../app/ui/desk_card.py" line="90" />
            <source>None</source>
            <translation>Ninguno</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="110" />
            <source>None open</source>
            <translation>Ninguna abierta</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="118" />
            <source>Not a member</source>
            <translation>No es socio</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="291" />
            <source>Not asked</source>
            <translation>No preguntado</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="70" />
            <source>Not known yet</source>
            <translation>Aún no se sabe</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="100" />
            <source>Not this week</source>
            <translation>Esta semana no</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="202" />
            <source>Owed</source>
            <translation>Pendiente</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="208" />
            <source>Owner</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="209" />
            <source>Points</source>
            <translation>Puntos</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="72" />
            <source>Several times a day</source>
            <translation>Varias veces al día</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="58" />
            <source>Today, %1</source>
            <translation>Hoy, %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="205" />
            <source>Usual interval</source>
            <translation>Intervalo habitual</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="201" />
            <source>Vehicles</source>
            <translation>Vehículos</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="207" />
            <source>Visits, last %1 days</source>
            <translation>Visitas, últimos %1 días</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="295" />
            <source>Worse than the answers before</source>
            <translation>Peor que las respuestas anteriores</translation>
        </message>
        <message>
            <location filename="../../app/ui/desk_card.py" line="62" />
            <source>Yesterday</source>
            <translation>Ayer</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/desk_card.py" line="94" />
            <source>and %n more</source>
            <translation>
                <numerusform>y %n más</numerusform>
                <numerusform>y %n más</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DuplicatesDialog</name>
        <message>
            <location filename="../../app/ui/customer_form.py" line="930" />
            <source>City</source>
            <translation>Ciudad</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="957" />
            <source>Create anyway</source>
            <translation>Crear de todos modos</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="930" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="930" />
            <source>Number</source>
            <translation>Número</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="953" />
            <source>Open that one</source>
            <translation>Abrir ese</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="915" />
            <source>Possible duplicates</source>
            <translation>Posibles duplicados</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="930" />
            <source>Same</source>
            <translation>Coincide</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="919" />
            <source>These customers look like the one you are creating. Is it one of them?</source>
            <translation>Estos clientes se parecen al que está creando. ¿Es uno de ellos?</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="934" />
            <source>email</source>
            <translation>correo electrónico</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="933" />
            <source>phone</source>
            <translation>teléfono</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="935" />
            <source>plate</source>
            <translation>matrícula</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form.py" line="936" />
            <source>similar name</source>
            <translation>nombre parecido</translation>
        </message>
    </context>
    <context>
        <name>EraseDialog</name>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="77" />
            <source>Erase</source>
            <translation>Borrar</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="54" />
            <source>Erase this person</source>
            <translation>Borrar a esta persona</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="58" />
            <source>Erasing removes this person's name, phones, emails, addresses, birthday, identity numbers, plates, people and every note for good. Orders and payments stay as anonymous figures so reports stay true. This cannot be undone.

Type the customer number %1 to erase.</source>
            <translation>Borrar elimina para siempre el nombre, los teléfonos, los correos, las direcciones, el cumpleaños, los números de identidad, las matrículas, las personas y todas las notas de esta persona. Los pedidos y pagos quedan como cifras anónimas para que los informes sigan siendo correctos. No se puede deshacer.

Escriba el número de cliente %1 para borrar.</translation>
        </message>
    </context>
    <context>
        <name>ErrorHandler</name>
        <message>
            <location filename="../../app/ui/errors.py" line="171" />
            <source>%1

The details were written to %2.</source>
            <translation>%1

Los detalles se escribieron en %2.</translation>
        </message>
        <message>
            <location filename="../../app/ui/errors.py" line="167" />
            <source>Clientela: unexpected error</source>
            <translation>Clientela: error inesperado</translation>
        </message>
        <message>
            <location filename="../../app/ui/errors.py" line="179" />
            <source>Open log folder</source>
            <translation>Abrir la carpeta de registros</translation>
        </message>
        <message>
            <location filename="../../app/ui/errors.py" line="168" />
            <source>Something went wrong and the last action may not be complete.</source>
            <translation>Algo salió mal y es posible que la última acción no se haya completado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/errors.py" line="169" />
            <source>the console</source>
            <translation>la consola</translation>
        </message>
    </context>
    <context>
        <name>ExportColumns</name>
        <message>
            <location filename="../../app/services/exports.py" line="110" />
            <source>Address</source>
            <translation>Dirección</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="159" />
            <location filename="../../app/services/exports.py" line="170" />
            <location filename="../../app/services/exports.py" line="180" />
            <location filename="../../app/services/exports.py" line="192" />
            <source>Amount</source>
            <translation>Importe</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="109" />
            <location filename="../../app/services/exports.py" line="132" />
            <source>Birthday</source>
            <translation>Cumpleaños</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="140" />
            <source>Brand</source>
            <translation>Marca</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="108" />
            <source>Card</source>
            <translation>Tarjeta de socio</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="49" />
            <location filename="../../app/services/exports.py" line="230" />
            <source>Category</source>
            <translation>Categoría</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="43" />
            <source>City</source>
            <translation>Ciudad</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="55" />
            <source>Class</source>
            <translation>Clase</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="197" />
            <source>Closed</source>
            <translation>Cerrada el</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="228" />
            <source>Code</source>
            <translation>Código</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="145" />
            <source>Color</source>
            <translation>Color</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="200" />
            <source>Competitor</source>
            <translation>Competidor</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="171" />
            <location filename="../../app/services/exports.py" line="233" />
            <source>Cost</source>
            <translation>Coste</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="50" />
            <location filename="../../app/services/exports.py" line="134" />
            <location filename="../../app/services/exports.py" line="149" />
            <location filename="../../app/services/exports.py" line="196" />
            <source>Created</source>
            <translation>Creado el</translation>
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
            <translation>Cliente</translation>
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
            <translation>Número de cliente</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="165" />
            <source>Date</source>
            <translation>Fecha</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="44" />
            <source>District</source>
            <translation>Distrito</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="211" />
            <source>Done</source>
            <translation>Hecha el</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="172" />
            <location filename="../../app/services/exports.py" line="203" />
            <location filename="../../app/services/exports.py" line="218" />
            <source>Due</source>
            <translation>Vence el</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="42" />
            <location filename="../../app/services/exports.py" line="131" />
            <source>Email</source>
            <translation>Correo electrónico</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="194" />
            <source>Expected close</source>
            <translation>Cierre previsto</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="147" />
            <source>Fuel</source>
            <translation>Combustible</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="57" />
            <source>Key score</source>
            <translation>Puntuación clave</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="40" />
            <location filename="../../app/services/exports.py" line="153" />
            <location filename="../../app/services/exports.py" line="205" />
            <source>Kind</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="48" />
            <source>Level</source>
            <translation>Nivel de socio</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="47" />
            <source>Lifecycle</source>
            <translation>Ciclo de vida</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="232" />
            <source>List price</source>
            <translation>Precio de lista</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="199" />
            <source>Lost reason</source>
            <translation>Motivo de pérdida</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="181" />
            <source>Method</source>
            <translation>Forma de pago</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="130" />
            <source>Mobile</source>
            <translation>Móvil</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="141" />
            <source>Model</source>
            <translation>Modelo</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="39" />
            <location filename="../../app/services/exports.py" line="126" />
            <location filename="../../app/services/exports.py" line="229" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="143" />
            <source>Nature</source>
            <translation>Naturaleza del vehículo</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="212" />
            <source>Note</source>
            <translation>Nota</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="173" />
            <source>Notes</source>
            <translation>Notas</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="38" />
            <location filename="../../app/services/exports.py" line="164" />
            <source>Number</source>
            <translation>Número</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="215" />
            <source>Opened</source>
            <translation>Abierto el</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="179" />
            <source>Order</source>
            <translation>Pedido</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="161" />
            <source>Outcome</source>
            <translation>Resultado</translation>
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
            <translation>Responsable</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="176" />
            <source>Paid on</source>
            <translation>Pagado el</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="41" />
            <location filename="../../app/services/exports.py" line="129" />
            <source>Phone</source>
            <translation>Teléfono</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="107" />
            <source>Phone 2</source>
            <translation>Teléfono 2</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="189" />
            <source>Pipeline</source>
            <translation>Embudo</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="139" />
            <source>Plate</source>
            <translation>Matrícula</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="51" />
            <source>Plates</source>
            <translation>Matrículas</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="206" />
            <source>Priority</source>
            <translation>Prioridad</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="193" />
            <source>Probability</source>
            <translation>Probabilidad</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="56" />
            <source>RFM segment</source>
            <translation>Segmento RFM</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="182" />
            <source>Reference</source>
            <translation>Referencia</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="223" />
            <source>Resolution</source>
            <translation>Resolución</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="224" />
            <source>Resolved</source>
            <translation>Resuelto el</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="127" />
            <source>Role</source>
            <translation>Papel en la compra</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="156" />
            <location filename="../../app/services/exports.py" line="183" />
            <source>Salesperson</source>
            <translation>Vendedor</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="160" />
            <location filename="../../app/services/exports.py" line="225" />
            <source>Satisfaction</source>
            <translation>Satisfacción</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="46" />
            <source>Source</source>
            <translation>Origen</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="190" />
            <source>Stage</source>
            <translation>Etapa</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="169" />
            <location filename="../../app/services/exports.py" line="191" />
            <location filename="../../app/services/exports.py" line="207" />
            <location filename="../../app/services/exports.py" line="217" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="234" />
            <source>Still sold</source>
            <translation>A la venta</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="157" />
            <source>Subject</source>
            <translation>Asunto</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="158" />
            <source>Text</source>
            <translation>Texto</translation>
        </message>
        <message>
            <location filename="../../app/services/customer_list.py" line="58" />
            <source>Tier</source>
            <translation>Nivel de flota</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="128" />
            <location filename="../../app/services/exports.py" line="186" />
            <location filename="../../app/services/exports.py" line="204" />
            <location filename="../../app/services/exports.py" line="216" />
            <source>Title</source>
            <translation>Título / cargo</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="231" />
            <source>Unit</source>
            <translation>Unidad</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="142" />
            <source>Use</source>
            <translation>Uso del vehículo</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="146" />
            <source>VIN</source>
            <translation>Número de bastidor (VIN)</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="222" />
            <source>What happened</source>
            <translation>Qué pasó</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="152" />
            <source>When</source>
            <translation>Fecha y hora</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="198" />
            <source>Won amount</source>
            <translation>Importe ganado</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="144" />
            <source>Year</source>
            <translation>Año</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="75" />
            <source>Days</source>
            <translation>Días</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="113" />
            <source>Days: the order date. Salesperson: the order's.</source>
            <translation>Días: la fecha del pedido. Vendedor: el del pedido.</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="114" />
            <source>Days: the payment date. Salesperson: who recorded it.</source>
            <translation>Días: la fecha del pago. Vendedor: quien lo registró.</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="112" />
            <source>Days: when it happened. Salesperson: who logged it.</source>
            <translation>Días: cuándo ocurrió. Vendedor: quien lo registró.</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="109" />
            <source>Days: when the customer was created. Salesperson: the owner.</source>
            <translation>Días: cuándo se creó el cliente. Vendedor: el responsable.</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="115" />
            <source>Days: when the deal was created. Salesperson: the owner.</source>
            <translation>Días: cuándo se creó la oportunidad. Vendedor: el responsable.</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="110" />
            <source>Days: when the person was added. Salesperson: the owner.</source>
            <translation>Días: cuándo se añadió la persona. Vendedor: el responsable.</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="116" />
            <source>Days: when the task is due. Salesperson: the owner.</source>
            <translation>Días: cuándo vence la tarea. Vendedor: el responsable.</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="111" />
            <source>Days: when the vehicle was added. Salesperson: the owner.</source>
            <translation>Días: cuándo se añadió el vehículo. Vendedor: el responsable.</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="55" />
            <source>Everyone</source>
            <translation>Todos</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="43" />
            <source>Export</source>
            <translation>Exportar</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="41" />
            <source>Export data</source>
            <translation>Exportar datos</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="87" />
            <source>Export…</source>
            <translation>Exportar…</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="57" />
            <source>Only these days</source>
            <translation>Solo estos días</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="56" />
            <source>Salesperson</source>
            <translation>Vendedor</translation>
        </message>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="52" />
            <source>Table</source>
            <translation>Tabla</translation>
        </message>
    </context>
    <context>
        <name>ForecastView</name>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="250" />
            <source>(no owner)</source>
            <translation>(sin responsable)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="294" />
            <source>A competitor's offer</source>
            <translation>La oferta de un competidor</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="266" />
            <location filename="../../app/ui/pages/pipeline.py" line="291" />
            <source>Amount</source>
            <translation>Importe</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="268" />
            <source>Average days in stage</source>
            <translation>Días medios en la etapa</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="269" />
            <source>Conversion to next</source>
            <translation>Conversión a la siguiente</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="265" />
            <location filename="../../app/ui/pages/pipeline.py" line="291" />
            <source>Deals</source>
            <translation>Oportunidades</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="196" />
            <source>Last 12 months</source>
            <translation>Últimos 12 meses</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="194" />
            <source>Last 30 days</source>
            <translation>Últimos 30 días</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="195" />
            <source>Last 90 days</source>
            <translation>Últimos 90 días</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="205" />
            <source>Lost deals by reason</source>
            <translation>Oportunidades perdidas por motivo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="296" />
            <source>No reason given</source>
            <translation>Sin motivo indicado</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="293" />
            <source>Our product or service</source>
            <translation>Nuestro producto o servicio</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="246" />
            <source>Owner</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="291" />
            <source>Reason</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="264" />
            <source>Stage</source>
            <translation>Etapa</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="202" />
            <source>Stages: conversion to the next and days spent</source>
            <translation>Etapas: conversión a la siguiente y días de permanencia</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="295" />
            <source>The customer's own reasons</source>
            <translation>Motivos propios del cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="246" />
            <location filename="../../app/ui/pages/pipeline.py" line="256" />
            <source>Total</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="267" />
            <source>Weighted</source>
            <translation>Ponderado</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="200" />
            <source>Weighted forecast by expected close month</source>
            <translation>Previsión ponderada por mes de cierre previsto</translation>
        </message>
    </context>
    <context>
        <name>FrontDeskPage</name>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="889" />
            <source>%1 is registered as a new customer</source>
            <translation>%1 se ha registrado como cliente nuevo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="703" />
            <source>%1 points redeemed for %2 · %3 left</source>
            <translation>%1 puntos canjeados por %2 · quedan %3</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="274" />
            <source>&amp;Amount</source>
            <translation>&amp;Importe</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="343" />
            <source>&amp;Name</source>
            <translation>&amp;Nombre</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="344" />
            <source>&amp;Phone</source>
            <translation>&amp;Teléfono</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="790" />
            <source>+%1 points</source>
            <translation>+%1 puntos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="286" />
            <location filename="../../app/ui/pages/front_desk.py" line="377" />
            <source>Cancel (Esc)</source>
            <translation>Cancelar (Esc)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="379" />
            <source>Everything else can be added in the file (F2) later.</source>
            <translation>Todo lo demás se puede añadir después en la ficha (F2).</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="167" />
            <source>Find a customer</source>
            <translation>Buscar un cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="157" />
            <source>Front desk</source>
            <translation>Mostrador</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="732" />
            <source>Log a visit for %1</source>
            <translation>Registrar una visita de %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="309" />
            <source>Log visit (Enter)</source>
            <translation>Registrar visita (Intro)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="195" />
            <source>More customers match: keep typing.</source>
            <translation>Coinciden más clientes: siga escribiendo.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="280" />
            <source>N&amp;ote</source>
            <translation>N&amp;ota</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="169" />
            <source>New walk-in (Ctrl+N)</source>
            <translation>Nuevo cliente de paso (Ctrl+N)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="332" />
            <source>New walk-in customer</source>
            <translation>Nuevo cliente de paso</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="214" />
            <source>No customer found — press Ctrl+N to register a walk-in</source>
            <translation>No se encontró ningún cliente: pulse Ctrl+N para registrar un cliente de paso</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="312" />
            <source>Open file (F2)</source>
            <translation>Abrir ficha (F2)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="189" />
            <source>Other customers found</source>
            <translation>Otros clientes encontrados</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="345" />
            <source>P&amp;late</source>
            <translation>&amp;Matrícula</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="165" />
            <source>Phone digits, plate, card or name…</source>
            <translation>Dígitos del teléfono, matrícula, tarjeta o nombre…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="315" />
            <source>Redeem points (F4)</source>
            <translation>Canjear puntos (F4)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="374" />
            <source>Register (Enter)</source>
            <translation>Registrar (Intro)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="285" />
            <source>Save (Enter)</source>
            <translation>Guardar (Intro)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="208" />
            <source>Type phone digits, a licence plate, a card number or a name.
Enter logs a visit · F2 opens the file · Ctrl+N registers a walk-in.</source>
            <translation>Escriba dígitos del teléfono, una matrícula, un número de tarjeta o un nombre.
Intro registra una visita · F2 abre la ficha · Ctrl+N registra un cliente de paso.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="786" />
            <source>Visit logged for %1</source>
            <translation>Visita registrada para %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="283" />
            <location filename="../../app/ui/pages/front_desk.py" line="344" />
            <source>optional</source>
            <translation>opcional</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="277" />
            <source>optional, e.g. 88.50</source>
            <translation>opcional, p. ej. 88,50</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="345" />
            <source>optional, e.g. 粤B·12345</source>
            <translation>opcional, p. ej. 1234 ABC</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/front_desk.py" line="343" />
            <source>required</source>
            <translation>obligatorio</translation>
        </message>
    </context>
    <context>
        <name>HistoryTab</name>
        <message>
            <location filename="../../app/ui/audit_view.py" line="293" />
            <source>No changes recorded yet.</source>
            <translation>Aún no hay cambios registrados.</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="350" />
            <source>%1 (hidden)</source>
            <translation>%1 (oculta)</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/import_dialog.py" line="363" />
            <source>%1 · %n row(s) of data</source>
            <translation>
                <numerusform>%1 · %n fila de datos</numerusform>
                <numerusform>%1 · %n filas de datos</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="456" />
            <source>(guessed from the headers)</source>
            <translation>(deducido de los encabezados)</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="420" />
            <source>(ignore)</source>
            <translation>(ignorar)</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="251" />
            <source>A customer already there (same number, phone, email or plate)</source>
            <translation>Un cliente que ya existe (mismo número, teléfono, correo o matrícula)</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="77" />
            <source>Address</source>
            <translation>Dirección</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="628" />
            <source>All errors are listed in %1</source>
            <translation>Todos los errores se enumeran en %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="308" />
            <source>All files (*)</source>
            <translation>Todos los archivos (*)</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="604" />
            <source>Already there: %1</source>
            <translation>Ya existentes: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="88" />
            <source>Birthday</source>
            <translation>Cumpleaños</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="640" />
            <source>Cancelled; nothing was written.</source>
            <translation>Cancelado; no se escribió nada.</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="86" />
            <source>Card</source>
            <translation>Tarjeta</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="84" />
            <source>Category</source>
            <translation>Categoría</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="284" />
            <source>Check</source>
            <translation>Comprobar</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="286" />
            <source>Check every row without importing</source>
            <translation>Comprobar cada fila sin importar</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="587" />
            <source>Checked, nothing written: %1.</source>
            <translation>Comprobado, no se escribió nada: %1.</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="582" />
            <source>Checked, nothing written: %1. The rows with errors would stop the import unless invalid rows are skipped.</source>
            <translation>Comprobado, no se escribió nada: %1. Las filas con errores detendrían la importación salvo que se omitan las filas no válidas.</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="558" />
            <source>Checking %1…</source>
            <translation>Comprobando %1…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="535" />
            <source>Checking the rows…</source>
            <translation>Comprobando las filas…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="525" />
            <source>Choose a file first.</source>
            <translation>Elija primero un archivo.</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="187" />
            <source>Choose an Excel or CSV file…</source>
            <translation>Elija un archivo de Excel o CSV…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="188" />
            <source>Choose…</source>
            <translation>Elegir…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="79" />
            <source>City</source>
            <translation>Ciudad</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="292" />
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="411" />
            <source>Column in the file</source>
            <translation>Columna del archivo</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="223" />
            <source>Columns and fields</source>
            <translation>Columnas y campos</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="72" />
            <source>Company</source>
            <translation>Empresa</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="97" />
            <source>Contact email</source>
            <translation>Correo del contacto</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="95" />
            <source>Contact person</source>
            <translation>Persona de contacto</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="96" />
            <source>Contact phone</source>
            <translation>Teléfono del contacto</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="98" />
            <source>Contact title</source>
            <translation>Cargo del contacto</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="259" />
            <source>Create another</source>
            <translation>Crear otro</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="68" />
            <source>Customer number</source>
            <translation>Número de cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="80" />
            <source>District</source>
            <translation>Distrito</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="538" />
            <source>Done</source>
            <translation>Hecho</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="76" />
            <source>Email</source>
            <translation>Correo electrónico</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="193" />
            <source>File:</source>
            <translation>Archivo:</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="70" />
            <source>First name</source>
            <translation>Nombre de pila</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="413" />
            <source>First value</source>
            <translation>Primer valor</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="412" />
            <source>Goes into</source>
            <translation>Va a</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="288" />
            <source>Import</source>
            <translation>Importar</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="163" />
            <location filename="../../app/ui/import_dialog.py" line="304" />
            <source>Import customers</source>
            <translation>Importar clientes</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="268" />
            <source>Import the valid rows, skip invalid ones</source>
            <translation>Importar las filas válidas y omitir las no válidas</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="589" />
            <source>Imported: %1.</source>
            <translation>Importado: %1.</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="558" />
            <source>Importing %1…</source>
            <translation>Importando %1…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="85" />
            <source>Industry</source>
            <translation>Sector</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="71" />
            <source>Last name</source>
            <translation>Apellidos</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="87" />
            <source>Level</source>
            <translation>Nivel</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="503" />
            <source>Mapping “%1” saved.</source>
            <translation>Correspondencia «%1» guardada.</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="69" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="481" />
            <source>Name of the mapping:</source>
            <translation>Nombre de la correspondencia:</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="90" />
            <source>Nationality</source>
            <translation>Nacionalidad</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="93" />
            <source>Notes</source>
            <translation>Notas</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/import_dialog.py" line="591" />
            <source>Nothing imported: %n row(s) have errors.</source>
            <translation>
                <numerusform>No se importó nada: %n fila tiene errores.</numerusform>
                <numerusform>No se importó nada: %n filas tienen errores.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="101" />
            <source>Order amount</source>
            <translation>Importe del pedido</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="100" />
            <source>Order date</source>
            <translation>Fecha del pedido</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="102" />
            <source>Order notes</source>
            <translation>Notas del pedido</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="99" />
            <source>Order number</source>
            <translation>Número de pedido</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="83" />
            <source>Owner</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="622" />
            <source>Owners who are no user here (kept in the notes): %1</source>
            <translation>Responsables que no son usuarios aquí (guardados en las notas): %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="73" />
            <source>Person or company</source>
            <translation>Persona o empresa</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="74" />
            <source>Phone</source>
            <translation>Teléfono</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="75" />
            <source>Phone 2</source>
            <translation>Teléfono 2</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="91" />
            <source>Place of origin</source>
            <translation>Lugar de origen</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="94" />
            <source>Plates</source>
            <translation>Matrículas</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="78" />
            <source>Postcode</source>
            <translation>Código postal</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="81" />
            <source>Province or state</source>
            <translation>Provincia o estado</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="332" />
            <location filename="../../app/ui/import_dialog.py" line="336" />
            <source>Reading %1…</source>
            <translation>Leyendo %1…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="615" />
            <source>Row %1, %2: %3</source>
            <translation>Fila %1, %2: %3</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="481" />
            <source>Save mapping</source>
            <translation>Guardar correspondencia</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="229" />
            <source>Save mapping…</source>
            <translation>Guardar correspondencia…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="232" />
            <source>Saved mappings:</source>
            <translation>Correspondencias guardadas:</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="211" />
            <source>Sheet:</source>
            <translation>Hoja:</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="257" />
            <source>Skip the row</source>
            <translation>Omitir la fila</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="82" />
            <source>Source</source>
            <translation>Origen</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="306" />
            <source>Spreadsheets and CSV (%1)</source>
            <translation>Hojas de cálculo y CSV (%1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="92" />
            <source>Tax ID</source>
            <translation>NIF</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="204" />
            <source>The row that holds the column titles</source>
            <translation>La fila con los títulos de las columnas</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="89" />
            <source>Title</source>
            <translation>Cargo</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="258" />
            <source>Update the customer</source>
            <translation>Actualizar el cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="537" />
            <source>Updating the search index…</source>
            <translation>Actualizando el índice de búsqueda…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="271" />
            <source>Without this, one invalid row stops the import and nothing is written</source>
            <translation>Sin esto, una sola fila no válida detiene la importación y no se escribe nada</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="536" />
            <source>Writing the customers…</source>
            <translation>Escribiendo los clientes…</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="358" />
            <source>and %1 · </source>
            <translation>y %1 · </translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="575" />
            <source>created %1, updated %2, skipped %3, rejected %4</source>
            <translation>creados %1, actualizados %2, omitidos %3, rechazados %4</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="595" />
            <source>customer number</source>
            <translation>número de cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="597" />
            <source>email</source>
            <translation>correo electrónico</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="203" />
            <source>header on row </source>
            <translation>encabezado en la fila </translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="596" />
            <source>phone</source>
            <translation>teléfono</translation>
        </message>
        <message>
            <location filename="../../app/ui/import_dialog.py" line="598" />
            <source>plate</source>
            <translation>matrícula</translation>
        </message>
    </context>
    <context>
        <name>InvitationsDialog</name>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="370" />
            <source>%1 not invited yet · %2 already invited</source>
            <translation>%1 aún sin invitar · %2 ya invitados</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="420" />
            <source>%1 were already invited</source>
            <translation>%1 ya estaban invitados</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/invitations_dialog.py" line="418" />
            <source>%n customer(s) added to the invitation list</source>
            <translation>
                <numerusform>%n cliente añadido a la lista de invitados</numerusform>
                <numerusform>%n clientes añadidos a la lista de invitados</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/invitations_dialog.py" line="252" />
            <source>%n invited</source>
            <translation>
                <numerusform>%n invitado</numerusform>
                <numerusform>%n invitados</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/invitations_dialog.py" line="486" />
            <source>%n invited customer(s) exported to %1</source>
            <translation>
                <numerusform>%n cliente invitado exportado a %1</numerusform>
                <numerusform>%n clientes invitados exportados a %1</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="365" />
            <source>All of them are already invited to this event.</source>
            <translation>Todos ellos ya están invitados a este evento.</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="168" />
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="158" />
            <source>Channel</source>
            <translation>Canal</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="363" />
            <source>Choose or create an event to invite them.</source>
            <translation>Elija o cree un evento para invitarlos.</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="171" />
            <source>Create event</source>
            <translation>Crear evento</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="150" />
            <source>Date</source>
            <translation>Fecha</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="112" />
            <location filename="../../app/ui/invitations_dialog.py" line="121" />
            <source>Event</source>
            <translation>Evento</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="440" />
            <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
            <translation>Libro de Excel (*.xlsx);;CSV, UTF-8 (*.csv)</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="484" />
            <source>Export</source>
            <translation>Exportar</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="189" />
            <source>Export list…</source>
            <translation>Exportar lista…</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="438" />
            <source>Export the invitation list</source>
            <translation>Exportar la lista de invitados</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="474" />
            <source>Exporting the invitation list…</source>
            <translation>Exportando la lista de invitados…</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="77" />
            <source>Invite to event</source>
            <translation>Invitar a un evento</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="458" />
            <source>Invited</source>
            <translation>Invitados</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="184" />
            <source>Mark invited</source>
            <translation>Marcar como invitados</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="407" />
            <source>Marking customers invited…</source>
            <translation>Marcando clientes como invitados…</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="141" />
            <location filename="../../app/ui/invitations_dialog.py" line="457" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="124" />
            <location filename="../../app/ui/invitations_dialog.py" line="230" />
            <source>New event…</source>
            <translation>Nuevo evento…</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="223" />
            <source>No events yet</source>
            <translation>Aún no hay eventos</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="221" />
            <source>No events yet: create one</source>
            <translation>Aún no hay eventos: cree uno</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="367" />
            <source>None of them is invited to this event yet.</source>
            <translation>Ninguno de ellos está invitado aún a este evento.</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="164" />
            <source>Notes</source>
            <translation>Notas</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="457" />
            <source>Owner</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="457" />
            <source>Phone</source>
            <translation>Teléfono</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="193" />
            <source>Save the event's invited customers (name, phone, owner)</source>
            <translation>Guardar los clientes invitados al evento (nombre, teléfono, responsable)</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="389" />
            <source>This database or your role allows no changes</source>
            <translation>Esta base de datos o su rol no permiten cambios</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="138" />
            <source>e.g. Owners' open day</source>
            <translation>p. ej. Jornada de puertas abiertas</translation>
        </message>
        <message>
            <location filename="../../app/ui/invitations_dialog.py" line="435" />
            <source>invited</source>
            <translation>invitados</translation>
        </message>
    </context>
    <context>
        <name>ItemRow</name>
        <message>
            <location filename="../../app/ui/today_view.py" line="171" />
            <source>1 day</source>
            <translation>1 día</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="171" />
            <source>1 week</source>
            <translation>1 semana</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="157" />
            <source>Done</source>
            <translation>Hecho</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="162" />
            <source>Mark done</source>
            <translation>Marcar como hecha</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="160" />
            <source>Mark done and note what came of it</source>
            <translation>Marcar como hecha y anotar el resultado</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="167" />
            <source>Snooze</source>
            <translation>Posponer</translation>
        </message>
    </context>
    <context>
        <name>KeyAccountTab</name>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="294" />
            <source>%1 moved, %2 won (%3), %4 lost</source>
            <translation>%1 avanzadas, %2 ganadas (%3), %4 perdidas</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/key_account_tab.py" line="270" />
            <source>%1 of 5 (%n answer(s))</source>
            <translation>
                <numerusform>%1 de 5 (%n respuesta)</numerusform>
                <numerusform>%1 de 5 (%n respuestas)</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="286" />
            <source>%1 opened, %2 resolved, %3 still open</source>
            <translation>%1 abiertas, %2 resueltas, %3 aún abiertas</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="301" />
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="316" />
            <source>A manager writes the comment</source>
            <translation>El comentario lo escribe un responsable</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="146" />
            <source>Both cards of this month as a workbook, one sheet for this customer</source>
            <translation>Las dos fichas de este mes en un libro, una hoja para este cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="187" />
            <source>Budget</source>
            <translation>Presupuesto</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="183" />
            <source>Buying method</source>
            <translation>Forma de compra</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="307" />
            <source>By %1, %2</source>
            <translation>Por %1, %2</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="188" />
            <source>Competitors</source>
            <translation>Competidores</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="285" />
            <source>Complaints</source>
            <translation>Quejas</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="283" />
            <source>Contacts</source>
            <translation>Contactos</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="293" />
            <source>Deals</source>
            <translation>Oportunidades</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="184" />
            <source>Decision process</source>
            <translation>Proceso de decisión</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="373" />
            <source>Excel (*.xlsx)</source>
            <translation>Excel (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="143" />
            <source>Export…</source>
            <translation>Exportar…</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="182" />
            <source>Goals and plans</source>
            <translation>Objetivos y planes</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="278" />
            <source>Gross margin</source>
            <translation>Margen bruto</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="225" />
            <source>Key account</source>
            <translation>Cliente clave</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="385" />
            <source>Key account %1 %2.xlsx</source>
            <translation>Cliente clave %1 %2.xlsx</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="156" />
            <source>Manager's comment</source>
            <translation>Comentario del responsable</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="129" />
            <source>Month</source>
            <translation>Mes</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="126" />
            <source>Monthly review card</source>
            <translation>Ficha de revisión mensual</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="186" />
            <source>Needs</source>
            <translation>Necesidades</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="189" />
            <source>Next steps</source>
            <translation>Próximos pasos</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="233" />
            <source>Not a key account (neither starred nor class A); the cards can be kept anyway.</source>
            <translation>No es cliente clave (ni con estrella ni de clase A); las fichas pueden llevarse igualmente.</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="275" />
            <source>Orders</source>
            <translation>Pedidos</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="115" />
            <source>Our team and counterparts</source>
            <translation>Nuestro equipo e interlocutores</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="282" />
            <source>Overdue at the month's end</source>
            <translation>Vencido a fin de mes</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="243" />
            <source>Owner: %1</source>
            <translation>Responsable: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="281" />
            <source>Payments received</source>
            <translation>Cobros</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="276" />
            <source>Sales less returns</source>
            <translation>Ventas menos devoluciones</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="291" />
            <source>Satisfaction</source>
            <translation>Satisfacción</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="167" />
            <source>Save the comment</source>
            <translation>Guardar el comentario</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="373" />
            <source>Save the key-account cards</source>
            <translation>Guardar las fichas del cliente clave</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="118" />
            <source>Save the strategy</source>
            <translation>Guardar la estrategia</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="399" />
            <source>Saved %1</source>
            <translation>Guardado %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="407" />
            <source>Saving the key-account cards…</source>
            <translation>Guardando las fichas del cliente clave…</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="97" />
            <source>Strategy card</source>
            <translation>Ficha de estrategia</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="364" />
            <source>The comment was saved.</source>
            <translation>Comentario guardado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="339" />
            <source>The strategy card was saved.</source>
            <translation>Ficha de estrategia guardada.</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="185" />
            <source>Volumes</source>
            <translation>Volúmenes</translation>
        </message>
        <message>
            <location filename="../../app/ui/key_account_tab.py" line="229" />
            <source>class %1</source>
            <translation>clase %1</translation>
        </message>
    </context>
    <context>
        <name>LeadCampaignField</name>
        <message>
            <location filename="../../app/ui/lead_campaign.py" line="40" />
            <source>Campaign</source>
            <translation>Campaña</translation>
        </message>
        <message>
            <location filename="../../app/ui/lead_campaign.py" line="104" />
            <source>Campaign %1</source>
            <translation>Campaña %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/lead_campaign.py" line="98" />
            <source>Not known</source>
            <translation>Desconocida</translation>
        </message>
        <message>
            <location filename="../../app/ui/lead_campaign.py" line="51" />
            <source>The campaign that brought this customer in is kept as saved; another source clears it</source>
            <translation>La campaña que trajo a este cliente se conserva tal como se guardó; otro origen la borra</translation>
        </message>
    </context>
    <context>
        <name>LostReasonDialog</name>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="112" />
            <source>A competitor's offer</source>
            <translation>La oferta de un competidor</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="104" />
            <source>Deal lost</source>
            <translation>Oportunidad perdida</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="122" />
            <source>Details</source>
            <translation>Detalles</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="111" />
            <source>Our product or service</source>
            <translation>Nuestro producto o servicio</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="121" />
            <source>Reason</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="113" />
            <source>The customer's own reasons</source>
            <translation>Motivos propios del cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="120" />
            <source>What happened, in a few words</source>
            <translation>Qué pasó, en pocas palabras</translation>
        </message>
    </context>
    <context>
        <name>LoyaltySettingsTab</name>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="44" />
            <source> days</source>
            <translation> días</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="87" />
            <source> months</source>
            <translation> meses</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="46" />
            <source>A new case is due in</source>
            <translation>Una queja nueva vence en</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="39" />
            <source>Complaint cases</source>
            <translation>Casos de queja</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="52" />
            <source>From a 12-month spend of</source>
            <translation>Desde un gasto en 12 meses de</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="51" />
            <source>Level</source>
            <translation>Nivel</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="49" />
            <source>Membership levels and points</source>
            <translation>Niveles de socio y puntos</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="86" />
            <source>Never</source>
            <translation>Nunca</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="89" />
            <source>Points expire after</source>
            <translation>Los puntos caducan a los</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="53" />
            <source>Points multiplier</source>
            <translation>Multiplicador de puntos</translation>
        </message>
        <message>
            <location filename="../../app/ui/loyalty_settings.py" line="82" />
            <source>Points per currency unit spent</source>
            <translation>Puntos por unidad de moneda gastada</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../app/ui/main_window.py" line="623" />
            <source>%1 already exists. Use Open database… to open it.</source>
            <translation>%1 ya existe. Use Abrir base de datos… para abrirla.</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="259" />
            <source>&amp;About Clientela</source>
            <translation>&amp;Acerca de Clientela</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="210" />
            <source>&amp;File</source>
            <translation>&amp;Archivo</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="257" />
            <source>&amp;Help</source>
            <translation>A&amp;yuda</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="224" />
            <source>&amp;Import customers…</source>
            <translation>&amp;Importar clientes…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="212" />
            <source>&amp;New database…</source>
            <translation>&amp;Nueva base de datos…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="216" />
            <source>&amp;Open database…</source>
            <translation>&amp;Abrir base de datos…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="236" />
            <source>&amp;Quit</source>
            <translation>&amp;Salir</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="243" />
            <source>&amp;View</source>
            <translation>&amp;Ver</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="639" />
            <source>(not found)</source>
            <translation>(no encontrada)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="727" />
            <source>A customer relationship manager for small sales offices.</source>
            <translation>Un gestor de relaciones con clientes para pequeñas oficinas de ventas.</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="724" />
            <source>About Clientela</source>
            <translation>Acerca de Clientela</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="588" />
            <source>All files (*)</source>
            <translation>Todos los archivos (*)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="716" />
            <source>Another PC is writing to the database; waiting…</source>
            <translation>Otro equipo está escribiendo en la base de datos; esperando…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="646" />
            <source>Clear list</source>
            <translation>Vaciar la lista</translation>
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
            <translation>Bases de datos de Clientela (%1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="687" />
            <source>Clientela — %1</source>
            <translation>Clientela — %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="232" />
            <source>E&amp;xport data…</source>
            <translation>E&amp;xportar datos…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="227" />
            <source>Invite customers to an &amp;event…</source>
            <translation>Invitar clientes a un &amp;evento…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="665" />
            <source>Local file</source>
            <translation>Archivo local</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="168" />
            <source>Navigation</source>
            <translation>Navegación</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="603" />
            <source>New database</source>
            <translation>Nueva base de datos</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="680" />
            <source>No database open</source>
            <translation>Ninguna base de datos abierta</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="710" />
            <source>Not signed in</source>
            <translation>Sin iniciar sesión</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="220" />
            <source>Open &amp;recent</source>
            <translation>Abrir &amp;reciente</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="557" />
            <source>Open another…</source>
            <translation>Abrir otra…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="594" />
            <source>Open database</source>
            <translation>Abrir base de datos</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="531" />
            <location filename="../../app/ui/main_window.py" line="678" />
            <source>Opening %1…</source>
            <translation>Abriendo %1…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="560" />
            <source>Quit</source>
            <translation>Salir</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="186" />
            <source>Search</source>
            <translation>Buscar</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="196" />
            <source>Search customers</source>
            <translation>Buscar clientes</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="193" />
            <source>Search customers: name, phone, plate, card…</source>
            <translation>Buscar clientes: nombre, teléfono, matrícula, tarjeta…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="667" />
            <source>Server</source>
            <translation>Servidor</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="666" />
            <source>Shared drive</source>
            <translation>Unidad compartida</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="279" />
            <source>Sign in…</source>
            <translation>Iniciar sesión…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="551" />
            <source>The database could not be opened.</source>
            <translation>No se pudo abrir la base de datos.</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="555" />
            <source>Try again</source>
            <translation>Reintentar</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="707" />
            <source>Unknown user: %1</source>
            <translation>Usuario desconocido: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="670" />
            <source>read-only</source>
            <translation>solo lectura</translation>
        </message>
    </context>
    <context>
        <name>MarginsTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/margins_tab.py" line="161" />
            <source>%n line(s)</source>
            <translation>
                <numerusform>%n línea</numerusform>
                <numerusform>%n líneas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="48" />
            <source>By customer</source>
            <translation>Por cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="50" />
            <source>By order</source>
            <translation>Por pedido</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="49" />
            <source>By product</source>
            <translation>Por producto</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="72" />
            <source>Cost</source>
            <translation>Coste</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="60" />
            <source>From</source>
            <translation>Desde</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="73" />
            <source>Margin</source>
            <translation>Margen</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="74" />
            <source>Margin %</source>
            <translation>Margen %</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="69" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="68" />
            <source>Reference</source>
            <translation>Referencia</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="71" />
            <source>Returned</source>
            <translation>Devuelto</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="70" />
            <source>Sales</source>
            <translation>Ventas</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="159" />
            <source>Total</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../../app/ui/margins_tab.py" line="62" />
            <source>to</source>
            <translation>hasta</translation>
        </message>
    </context>
    <context>
        <name>MergeDialog</name>
        <message>
            <location filename="../../app/ui/merge_dialog.py" line="27" />
            <source>Everything of the other file — people, vehicles, activities, orders, payments, deals and tasks — moves to the file you keep. Which one stays?</source>
            <translation>Todo lo de la otra ficha —personas, vehículos, actividades, pedidos, pagos, oportunidades y tareas— pasa a la ficha que conserve. ¿Cuál se queda?</translation>
        </message>
        <message>
            <location filename="../../app/ui/merge_dialog.py" line="43" />
            <source>Merge</source>
            <translation>Fusionar</translation>
        </message>
        <message>
            <location filename="../../app/ui/merge_dialog.py" line="23" />
            <source>Merge customers</source>
            <translation>Fusionar clientes</translation>
        </message>
    </context>
    <context>
        <name>MoneyTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/customer_form_tabs.py" line="527" />
            <source>%1 (%n return(s))</source>
            <translation>
                <numerusform>%1 (%n devolución)</numerusform>
                <numerusform>%1 (%n devoluciones)</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="454" />
            <location filename="../../app/ui/customer_form_tabs.py" line="466" />
            <source>Amount</source>
            <translation>Importe</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="417" />
            <source>Contracts…</source>
            <translation>Contratos…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="426" />
            <source>Credit limit, term and payment terms, and what is owed by days past due</source>
            <translation>Límite, plazo y condiciones de pago, y la deuda por días de retraso</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="422" />
            <source>Credit…</source>
            <translation>Crédito…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="453" />
            <location filename="../../app/ui/customer_form_tabs.py" line="466" />
            <source>Date</source>
            <translation>Fecha</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="548" />
            <source>Last purchases: %1</source>
            <translation>Últimas compras: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="392" />
            <location filename="../../app/ui/customer_form_tabs.py" line="456" />
            <source>Margin</source>
            <translation>Margen</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="466" />
            <source>Method</source>
            <translation>Forma de pago</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="412" />
            <source>New order…</source>
            <translation>Nuevo pedido…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="458" />
            <source>No orders yet.</source>
            <translation>Aún no hay pedidos.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="467" />
            <source>No payments yet.</source>
            <translation>Aún no hay pagos.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="452" />
            <source>Order</source>
            <translation>Pedido</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="388" />
            <source>Ordered</source>
            <translation>Pedido</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="551" />
            <source>Orders (%1)</source>
            <translation>Pedidos (%1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="391" />
            <source>Owed</source>
            <translation>Pendiente</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="390" />
            <source>Paid</source>
            <translation>Pagado</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="552" />
            <source>Payments (%1)</source>
            <translation>Pagos (%1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="480" />
            <source>Record payment…</source>
            <translation>Registrar pago…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="389" />
            <source>Returned</source>
            <translation>Devuelto</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="430" />
            <source>Statement…</source>
            <translation>Extracto…</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="455" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="434" />
            <source>The statement of account for a period, to see or to save for the customer</source>
            <translation>El extracto de cuenta de un periodo, para verlo o guardarlo para el cliente</translation>
        </message>
    </context>
    <context>
        <name>MonthlyTab</name>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="186" />
            <source>Cancelled; no workbook was written.</source>
            <translation>Cancelado; no se escribió ningún libro.</translation>
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
            <translation>Clientes clave %1.xlsx</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="89" />
            <source>Key-account cards…</source>
            <translation>Fichas de clientes clave…</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="78" />
            <source>Make workbook…</source>
            <translation>Crear libro…</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="137" />
            <source>Making the key-account cards…</source>
            <translation>Preparando las fichas de clientes clave…</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="126" />
            <source>Making the monthly workbook…</source>
            <translation>Creando el libro mensual…</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="68" />
            <source>Month</source>
            <translation>Mes</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="180" />
            <source>No workbook was written.</source>
            <translation>No se escribió ningún libro.</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="51" />
            <source>One workbook for the month: the key figures against the previous month and the same month last year (with a chart), sales by salesperson and by customer class, the pipeline and forecast, new and lost customers, receivables by age, key accounts and activities by salesperson.</source>
            <translation>Un libro para el mes: las cifras clave frente al mes anterior y al mismo mes del año pasado (con un gráfico), ventas por vendedor y por clase de cliente, el embudo y la previsión, clientes nuevos y perdidos, cuentas por cobrar por antigüedad, clientes clave y actividades por vendedor.</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="84" />
            <source>Open folder</source>
            <translation>Abrir carpeta</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="81" />
            <source>Open workbook</source>
            <translation>Abrir libro</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="117" />
            <source>Save the monthly workbook</source>
            <translation>Guardar el libro mensual</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="174" />
            <source>Saved %1</source>
            <translation>Guardado %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="75" />
            <source>Sheets in</source>
            <translation>Hojas en</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="71" />
            <source>The office's language</source>
            <translation>El idioma de la oficina</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="92" />
            <source>The strategy and review cards of the month, one sheet per key account</source>
            <translation>Las fichas de estrategia y de revisión del mes, una hoja por cliente clave</translation>
        </message>
        <message>
            <location filename="../../app/ui/monthly_tab.py" line="154" />
            <source>Working out the figures…</source>
            <translation>Calculando las cifras…</translation>
        </message>
    </context>
    <context>
        <name>NarrowDialog</name>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="138" />
            <source>By</source>
            <translation>Desglose</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="164" />
            <source>Collections</source>
            <translation>Cobros</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="143" />
            <source>Measure</source>
            <translation>Indicador</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="165" />
            <source>New customers</source>
            <translation>Clientes nuevos</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="136" />
            <source>Product category</source>
            <translation>Categoría de producto</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="137" />
            <source>Region</source>
            <translation>Región</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="156" />
            <source>Sales</source>
            <translation>Ventas</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="134" />
            <source>Salesperson</source>
            <translation>Vendedor</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="146" />
            <source>Target</source>
            <translation>Objetivo</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="127" />
            <source>Target by category or region</source>
            <translation>Objetivo por categoría o región</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="141" />
            <source>Which</source>
            <translation>Cuál</translation>
        </message>
    </context>
    <context>
        <name>NarrowedModel</name>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="230" />
            <source>By</source>
            <translation>Desglose</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="259" />
            <source>Collections</source>
            <translation>Cobros</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="229" />
            <source>Measure</source>
            <translation>Indicador</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="260" />
            <source>New customers</source>
            <translation>Clientes nuevos</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="261" />
            <source>Product category</source>
            <translation>Categoría de producto</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="234" />
            <source>Reached</source>
            <translation>Logrado</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="262" />
            <source>Region</source>
            <translation>Región</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="258" />
            <source>Sales</source>
            <translation>Ventas</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="228" />
            <source>Salesperson</source>
            <translation>Vendedor</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="233" />
            <source>So far</source>
            <translation>Hasta hoy</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="232" />
            <source>Target</source>
            <translation>Objetivo</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="231" />
            <source>Which</source>
            <translation>Categoría o región</translation>
        </message>
    </context>
    <context>
        <name>NewCampaignDialog</name>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="57" />
            <source>&amp;Channel</source>
            <translation>&amp;Canal</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="63" />
            <source>&amp;First day</source>
            <translation>&amp;Primer día</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="52" />
            <source>&amp;Kind</source>
            <translation>&amp;Tipo</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="64" />
            <source>&amp;Last day</source>
            <translation>Ú&amp;ltimo día</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="48" />
            <source>&amp;Name</source>
            <translation>&amp;Nombre</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="68" />
            <source>C&amp;ost</source>
            <translation>C&amp;oste</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="71" />
            <source>N&amp;otes</source>
            <translation>&amp;Notas</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="40" />
            <source>New campaign</source>
            <translation>Nueva campaña</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_campaign_dialog.py" line="67" />
            <source>e.g. 3000</source>
            <translation>p. ej. 3000</translation>
        </message>
    </context>
    <context>
        <name>NewCaseDialog</name>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="42" />
            <source>A case follows the complaint until it is resolved and the customer asked.</source>
            <translation>Un caso sigue la queja hasta que se resuelve y se pregunta al cliente.</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="60" />
            <source>Due</source>
            <translation>Vence</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="65" />
            <source>No case</source>
            <translation>Sin caso</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="39" />
            <source>Open a complaint case</source>
            <translation>Abrir un caso de queja</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="64" />
            <source>Open case</source>
            <translation>Abrir caso</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="51" />
            <source>Title</source>
            <translation>Cargo</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="55" />
            <source>What happened</source>
            <translation>Qué pasó</translation>
        </message>
    </context>
    <context>
        <name>NewDealDialog</name>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="107" />
            <source>Amount</source>
            <translation>Importe</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="273" />
            <source>Choose the customer first.</source>
            <translation>Elija primero el cliente.</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="97" />
            <source>Customer</source>
            <translation>Cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="242" />
            <source>Customer: %1</source>
            <translation>Cliente: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="131" />
            <source>Expected close</source>
            <translation>Cierre previsto</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="78" />
            <source>Name, phone, plate or card…</source>
            <translation>Nombre, teléfono, matrícula o tarjeta…</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="64" />
            <source>New deal</source>
            <translation>Nueva oportunidad</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="93" />
            <source>No customer chosen yet.</source>
            <translation>Aún no se ha elegido cliente.</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="230" />
            <source>No customer found.</source>
            <translation>No se encontró ningún cliente.</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="135" />
            <source>Notes</source>
            <translation>Notas</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="114" />
            <source>Pipeline</source>
            <translation>Embudo</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="286" />
            <source>Saving…</source>
            <translation>Guardando…</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="117" />
            <source>Stage</source>
            <translation>Etapa</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="196" />
            <source>The pipeline has no open stage: add one in Settings.</source>
            <translation>El embudo no tiene ninguna etapa abierta: añada una en Configuración.</translation>
        </message>
        <message>
            <location filename="../../app/ui/new_deal_dialog.py" line="102" />
            <source>Title</source>
            <translation>Título</translation>
        </message>
    </context>
    <context>
        <name>OfficeSettingsTab</name>
        <message>
            <location filename="../../app/ui/office_settings.py" line="101" />
            <source>A new language applies when Clientela starts again.</source>
            <translation>El nuevo idioma se aplica cuando Clientela se vuelve a iniciar.</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="108" />
            <source>Close Clientela and open it again in the chosen language</source>
            <translation>Cerrar Clientela y volver a abrirlo en el idioma elegido</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="134" />
            <source>Country (phone numbers)</source>
            <translation>País (números de teléfono)</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="126" />
            <source>Currency</source>
            <translation>Moneda</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="143" />
            <source>Language of tasks and workbooks</source>
            <translation>Idioma de tareas y libros</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="99" />
            <source>Language of the window</source>
            <translation>Idioma de la ventana</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="223" />
            <source>Not saved yet: suggested from the window's language. Save to use them.</source>
            <translation>Aún sin guardar: sugerido según el idioma de la ventana. Guarde para usarlo.</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="132" />
            <source>Phone numbers written without a country prefix are numbers of this country.</source>
            <translation>Los números de teléfono escritos sin prefijo de país son de este país.</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="141" />
            <source>Reminder task titles and the monthly workbook are written in this language.</source>
            <translation>Los títulos de las tareas de aviso y el libro mensual se escriben en este idioma.</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="105" />
            <source>Restart now</source>
            <translation>Reiniciar ahora</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="169" />
            <source>Saved: Clientela shows this language when it starts again.</source>
            <translation>Guardado: Clientela mostrará este idioma cuando se vuelva a iniciar.</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="119" />
            <source>The office (every PC)</source>
            <translation>La oficina (todos los equipos)</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="92" />
            <source>The system's (%1)</source>
            <translation>El del sistema (%1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/office_settings.py" line="84" />
            <source>This PC</source>
            <translation>Este equipo</translation>
        </message>
    </context>
    <context>
        <name>Operation</name>
        <message>
            <location filename="../../app/ui/operations.py" line="208" />
            <source>Another PC is writing to the database. Waiting for it to finish (attempt %1)…</source>
            <translation>Otro equipo está escribiendo en la base de datos. Esperando a que termine (intento %1)…</translation>
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
            <translation>(ninguno)</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="483" />
            <source>Add at least one line.</source>
            <translation>Añada al menos una línea.</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="185" />
            <source>Add line</source>
            <translation>Añadir línea</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="170" />
            <source>Amount</source>
            <translation>Importe</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="453" />
            <source>Amount %1</source>
            <translation>Importe %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="456" />
            <source>Amount %1 · cost %2 · margin %3</source>
            <translation>Importe %1 · coste %2 · margen %3</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="158" />
            <source>Contract</source>
            <translation>Contrato</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="519" />
            <location filename="../../app/ui/order_dialog.py" line="584" />
            <source>Credit</source>
            <translation>Crédito</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="154" />
            <source>Date</source>
            <translation>Fecha</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="168" />
            <source>Discount %</source>
            <translation>Descuento %</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="224" />
            <source>Loading…</source>
            <translation>Cargando…</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="130" />
            <source>New order: %1</source>
            <translation>Nuevo pedido: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="518" />
            <source>Not saved: %1</source>
            <translation>No se guardó: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="551" />
            <source>Not saved: someone else saved this order meanwhile.</source>
            <translation>No guardado: otra persona guardó este pedido entretanto.</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="150" />
            <source>Number</source>
            <translation>Número</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="305" />
            <source>Order %1, version %2.</source>
            <translation>Pedido %1, versión %2.</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="132" />
            <source>Order: %1</source>
            <translation>Pedido: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="165" />
            <source>Product</source>
            <translation>Producto</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="331" />
            <source>Product or description</source>
            <translation>Producto o descripción</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="166" />
            <source>Quantity</source>
            <translation>Cantidad</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="189" />
            <source>Remove line</source>
            <translation>Quitar línea</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="195" />
            <source>Return…</source>
            <translation>Devolución…</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="586" />
            <source>Save this order anyway?</source>
            <translation>¿Guardar este pedido de todos modos?</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="490" />
            <source>Saving…</source>
            <translation>Guardando…</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="563" />
            <source>Showing their version.</source>
            <translation>Se muestra su versión.</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="571" />
            <source>Someone else saved this order meanwhile.</source>
            <translation>Otra persona guardó este pedido entretanto.</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="152" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="521" />
            <source>The office does not allow this order:</source>
            <translation>La oficina no permite este pedido:</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="169" />
            <source>Unit cost</source>
            <translation>Coste unitario</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="167" />
            <source>Unit price</source>
            <translation>Precio unitario</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="198" />
            <source>What came back of this order, and a new return</source>
            <translation>Lo devuelto de este pedido y una nueva devolución</translation>
        </message>
        <message>
            <location filename="../../app/ui/order_dialog.py" line="144" />
            <source>optional</source>
            <translation>opcional</translation>
        </message>
    </context>
    <context>
        <name>OutcomeDialog</name>
        <message>
            <location filename="../../app/ui/today_view.py" line="74" />
            <source>Done: what came of it?</source>
            <translation>Hecha: ¿cuál fue el resultado?</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="82" />
            <source>How it serves them, what they need next, what was agreed…</source>
            <translation>Cómo les funciona, qué necesitan ahora, qué se acordó…</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="88" />
            <source>Not asked</source>
            <translation>No preguntado</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="85" />
            <source>Outcome</source>
            <translation>Resultado</translation>
        </message>
        <message>
            <location filename="../../app/ui/today_view.py" line="92" />
            <source>Satisfaction</source>
            <translation>Satisfacción</translation>
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message>
            <location filename="../../app/ui/user_settings.py" line="230" />
            <source>Leave both empty to remove the password (no sign-in needed).</source>
            <translation>Deje ambos vacíos para quitar la contraseña (sin necesidad de iniciar sesión).</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="226" />
            <source>Password of %1</source>
            <translation>Contraseña de %1</translation>
        </message>
    </context>
    <context>
        <name>PaymentDialog</name>
        <message>
            <location filename="../../app/ui/payment_dialog.py" line="71" />
            <source>Amount</source>
            <translation>Importe</translation>
        </message>
        <message>
            <location filename="../../app/ui/payment_dialog.py" line="72" />
            <source>Method</source>
            <translation>Forma de pago</translation>
        </message>
        <message>
            <location filename="../../app/ui/payment_dialog.py" line="70" />
            <source>Paid on</source>
            <translation>Pagado el</translation>
        </message>
        <message>
            <location filename="../../app/ui/payment_dialog.py" line="51" />
            <source>Payment from %1</source>
            <translation>Pago de %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/payment_dialog.py" line="73" />
            <source>Reference</source>
            <translation>Referencia</translation>
        </message>
    </context>
    <context>
        <name>PipelinePage</name>
        <message numerus="yes">
            <location filename="../../app/ui/pages/pipeline.py" line="804" />
            <source>%n open deal(s)</source>
            <translation>
                <numerusform>%n oportunidad abierta</numerusform>
                <numerusform>%n oportunidades abiertas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="403" />
            <source>All owners</source>
            <translation>Todos los responsables</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="563" />
            <source>All pipelines</source>
            <translation>Todos los embudos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="407" />
            <source>Any close date</source>
            <translation>Cualquier fecha de cierre</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="371" />
            <source>Board</source>
            <translation>Tablero</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="408" />
            <source>Close date passed</source>
            <translation>Fecha de cierre vencida</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="410" />
            <source>Closing in 3 months</source>
            <translation>Cierre en 3 meses</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="411" />
            <source>Closing in 6 months</source>
            <translation>Cierre en 6 meses</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="409" />
            <source>Closing this month</source>
            <translation>Cierre este mes</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="423" />
            <source>Customer</source>
            <translation>Cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="674" />
            <source>Export deals</source>
            <translation>Exportar oportunidades</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="364" />
            <source>Export…</source>
            <translation>Exportar…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="372" />
            <source>Forecast</source>
            <translation>Previsión</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="432" />
            <source>Max. amount</source>
            <translation>Importe máx.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="428" />
            <source>Min. amount</source>
            <translation>Importe mín.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="442" />
            <source>New deal</source>
            <translation>Nueva oportunidad</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="391" />
            <location filename="../../app/ui/pages/pipeline.py" line="399" />
            <source>Pipeline</source>
            <translation>Embudo de ventas</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="439" />
            <source>Refresh</source>
            <translation>Actualizar</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="366" />
            <source>Save the deals on the board, column by column</source>
            <translation>Guardar las oportunidades del tablero, columna por columna</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="345" />
            <source>The board shows one pipeline at a time: choose one above. The Forecast tab adds all pipelines up.</source>
            <translation>El tablero muestra un embudo a la vez: elija uno arriba. La pestaña Previsión suma todos los embudos.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="434" />
            <source>Undo move</source>
            <translation>Deshacer</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="800" />
            <source>amount %1, weighted %2</source>
            <translation>importe %1, ponderado %2</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="674" />
            <source>deals</source>
            <translation>oportunidades</translation>
        </message>
    </context>
    <context>
        <name>PrivacyButton</name>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="144" />
            <source>Consent history…</source>
            <translation>Historial de consentimientos…</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="150" />
            <source>Erase this person…</source>
            <translation>Borrar a esta persona…</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="292" />
            <source>Erasing this person…</source>
            <translation>Borrando a esta persona…</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="289" />
            <source>Erasing…</source>
            <translation>Borrando…</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="235" />
            <source>Everything held about this person was saved to %1.</source>
            <translation>Todo lo que se guarda de esta persona se guardó en %1.</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="188" />
            <source>Excel (*.xlsx)</source>
            <translation>Excel (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="187" />
            <source>Export everything held about this person</source>
            <translation>Exportar todo lo que se guarda de esta persona</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="147" />
            <source>Export everything…</source>
            <translation>Exportar todo…</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="252" />
            <source>Exporting everything held about this person…</source>
            <translation>Exportando todo lo que se guarda de esta persona…</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="248" />
            <source>Exporting…</source>
            <translation>Exportando…</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="141" />
            <source>Privacy</source>
            <translation>Privacidad</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_actions.py" line="277" />
            <source>This person was erased; orders and payments stay as figures.</source>
            <translation>Esta persona fue borrada; los pedidos y pagos quedan como cifras.</translation>
        </message>
    </context>
    <context>
        <name>PrivacyNoticeTab</name>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="101" />
            <source>A customer may withdraw consent to phone, SMS, email or post at any time (invitations then leave them out), ask for a copy of everything held about them, have their data corrected, or have it erased. In the customer file, Privacy ▸ Export everything… and Erase this person… do the last two (managers and administrators; both are in the audit log).</source>
            <translation>Un cliente puede retirar en cualquier momento su consentimiento al teléfono, SMS, correo electrónico o correo postal (las invitaciones lo excluyen entonces), pedir una copia de todo lo que se guarda sobre él, corregir sus datos o pedir que se borren. En la ficha del cliente, Privacidad ▸ Exportar todo… y Borrar a esta persona… hacen lo último (gerentes y administradores; ambos quedan en el registro de auditoría).</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="70" />
            <source>Customer files: names, phones, emails, addresses, birthdays, identity and bank numbers, personal and company details, contact persons and vehicles; every call, visit and note; orders, returns, payments, contracts, deals, tasks, complaints, loyalty points and campaign responses; consent to be contacted per channel with its history; and an audit log of who changed what and when.</source>
            <translation>Fichas de clientes: nombres, teléfonos, correos, direcciones, cumpleaños, números de identidad y bancarios, datos personales y de empresa, personas de contacto y vehículos; cada llamada, visita y nota; pedidos, devoluciones, pagos, contratos, oportunidades, tareas, quejas, puntos de fidelidad y respuestas a campañas; el consentimiento de contacto por canal con su historial; y un registro de auditoría de quién cambió qué y cuándo.</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="81" />
            <source>Everything is kept %1. Copies of the database file go to %2 (daily backups). Logs in %3 record errors and never personal data. Nothing is sent anywhere else.</source>
            <translation>Todo se guarda %1. Las copias del archivo de la base de datos van a %2 (copias diarias). Los registros en %3 anotan errores y nunca datos personales. No se envía nada a ningún otro sitio.</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="110" />
            <source>How it is protected</source>
            <translation>Cómo se protege</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="53" />
            <source>No database is open.</source>
            <translation>No hay ninguna base de datos abierta.</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="100" />
            <source>The customer's choices</source>
            <translation>Las opciones del cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="92" />
            <source>The office's users, to serve the customer: salespeople see their own customers and those shared with them, managers and administrators see all. It is not shared outside the office without the customer's permission.</source>
            <translation>Los usuarios de la oficina, para atender al cliente: los vendedores ven sus propios clientes y los compartidos con ellos; los gerentes y administradores ven todos. No se comparte fuera de la oficina sin permiso del cliente.</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="111" />
            <source>Users sign in and see only what their role allows; the database and its backups should sit on a drive only the office can reach.</source>
            <translation>Los usuarios inician sesión y solo ven lo que su rol permite; la base de datos y sus copias deben estar en una unidad a la que solo llegue la oficina.</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="69" />
            <source>What is stored</source>
            <translation>Qué se guarda</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="80" />
            <source>Where</source>
            <translation>Dónde</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="91" />
            <source>Who sees it and why</source>
            <translation>Quién lo ve y por qué</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="86" />
            <source>in the database</source>
            <translation>en la base de datos</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="57" />
            <source>in the database file %1</source>
            <translation>en el archivo de base de datos %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="55" />
            <source>on the database server %1</source>
            <translation>en el servidor de base de datos %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/privacy_notice.py" line="65" />
            <source>the backup folder chosen under Database and backups</source>
            <translation>la carpeta de copias elegida en Base de datos y copias</translation>
        </message>
    </context>
    <context>
        <name>ProductDialog</name>
        <message>
            <location filename="../../app/ui/product_settings.py" line="71" />
            <source>Category</source>
            <translation>Categoría</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="46" />
            <source>Change product</source>
            <translation>Cambiar producto</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="70" />
            <source>Code</source>
            <translation>Código</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="74" />
            <source>Cost</source>
            <translation>Coste</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="73" />
            <source>List price</source>
            <translation>Precio de lista</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="69" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="46" />
            <source>New product</source>
            <translation>Nuevo producto</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="66" />
            <source>Still sold</source>
            <translation>A la venta</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="72" />
            <source>Unit</source>
            <translation>Unidad</translation>
        </message>
    </context>
    <context>
        <name>ProductImportDialog</name>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="117" />
            <source>%1 products read: %2 new, %3 to update.</source>
            <translation>%1 productos leídos: %2 nuevos, %3 para actualizar.</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="166" />
            <source>Cancelled; nothing was written.</source>
            <translation>Cancelado; no se escribió nada.</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="90" />
            <source>Checking %1…</source>
            <translation>Comprobando %1…</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="87" />
            <source>Checking…</source>
            <translation>Comprobando…</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="60" />
            <source>Import</source>
            <translation>Importar</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="41" />
            <source>Import products</source>
            <translation>Importar productos</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="153" />
            <source>Imported: %1 added, %2 updated.</source>
            <translation>Importado: %1 añadidos, %2 actualizados.</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="107" />
            <source>Importing %1…</source>
            <translation>Importando %1…</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="104" />
            <source>Importing…</source>
            <translation>Importando…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/product_import_dialog.py" line="127" />
            <source>Nothing can be imported: %n row(s) have errors. Correct them and try again.</source>
            <translation>
                <numerusform>No se puede importar nada: %n fila tiene errores. Corríjala y vuelva a intentarlo.</numerusform>
                <numerusform>No se puede importar nada: %n filas tienen errores. Corríjalas y vuelva a intentarlo.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="135" />
            <source>Row %1: %2</source>
            <translation>Fila %1: %2</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_import_dialog.py" line="145" />
            <source>The file has no products under its header.</source>
            <translation>El archivo no tiene productos bajo su encabezado.</translation>
        </message>
    </context>
    <context>
        <name>ProductSettingsTab</name>
        <message>
            <location filename="../../app/ui/product_settings.py" line="31" />
            <source>Accessory</source>
            <translation>Accesorio</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="29" />
            <source>Fuel grade</source>
            <translation>Carburante</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="34" />
            <source>Other</source>
            <translation>Otro</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="33" />
            <source>Parts</source>
            <translation>Recambios</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="32" />
            <source>Service</source>
            <translation>Servicio</translation>
        </message>
        <message>
            <location filename="../../app/ui/product_settings.py" line="30" />
            <source>Vehicle model</source>
            <translation>Modelo de vehículo</translation>
        </message>
    </context>
    <context>
        <name>ProductTableModel</name>
        <message>
            <location filename="../../app/ui/pages/products.py" line="84" />
            <source>Category</source>
            <translation>Categoría</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="91" />
            <source>Code</source>
            <translation>Código</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="90" />
            <source>Cost</source>
            <translation>Coste</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="89" />
            <source>List price</source>
            <translation>Precio de lista</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="88" />
            <source>Margin</source>
            <translation>Margen</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="83" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="125" />
            <source>No longer sold</source>
            <translation>Ya no se vende</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="87" />
            <source>Revenue</source>
            <translation>Ingresos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="85" />
            <source>Sold</source>
            <translation>Vendido</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="86" />
            <source>Unit</source>
            <translation>Unidad</translation>
        </message>
    </context>
    <context>
        <name>ProductsPage</name>
        <message>
            <location filename="../../app/ui/pages/products.py" line="495" />
            <source>Products</source>
            <translation>Productos</translation>
        </message>
    </context>
    <context>
        <name>ProductsWidget</name>
        <message>
            <location filename="../../app/ui/pages/products.py" line="435" />
            <source>%1 is no longer sold.</source>
            <translation>%1 ya no se vende.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="435" />
            <source>%1 is sold again.</source>
            <translation>%1 vuelve a venderse.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="216" />
            <source>Add…</source>
            <translation>Añadir…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="189" />
            <source>All categories</source>
            <translation>Todas las categorías</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="195" />
            <source>All products</source>
            <translation>Todos los productos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="217" />
            <source>Change…</source>
            <translation>Cambiar…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="219" />
            <location filename="../../app/ui/pages/products.py" line="373" />
            <source>Deactivate</source>
            <translation>Desactivar</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="168" />
            <source>Export products</source>
            <translation>Exportar productos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="222" />
            <source>Export…</source>
            <translation>Exportar…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="458" />
            <source>Import products</source>
            <translation>Importar productos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="221" />
            <source>Import…</source>
            <translation>Importar…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="194" />
            <source>No longer sold</source>
            <translation>Ya no se vende</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="344" />
            <source>No product matches these filters.</source>
            <translation>Ningún producto coincide con estos filtros.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="346" />
            <source>No products yet. Add them one by one, or import a price list.</source>
            <translation>Aún no hay productos. Añádalos uno a uno o importe una lista de precios.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="350" />
            <source>Only administrators and managers change products.</source>
            <translation>Solo administradores y jefes cambian los productos.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="409" />
            <source>Product added.</source>
            <translation>Producto añadido.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="425" />
            <source>Product saved.</source>
            <translation>Producto guardado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="223" />
            <source>Save the products shown, in this order</source>
            <translation>Guardar los productos mostrados, en este orden</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="181" />
            <source>Search name or code</source>
            <translation>Buscar nombre o código</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="373" />
            <source>Sell again</source>
            <translation>Volver a vender</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="206" />
            <source>Sold from</source>
            <translation>Vendido del</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="391" />
            <source>Someone else changed this product meanwhile: shown as it is now.</source>
            <translation>Otra persona cambió este producto entretanto: se muestra como está ahora.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="460" />
            <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
            <translation>Hojas de cálculo (*.xlsx *.xls *.csv)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="193" />
            <source>Still sold</source>
            <translation>A la venta</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="315" />
            <source>The period ends before it starts.</source>
            <translation>El periodo termina antes de empezar.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="168" />
            <source>products</source>
            <translation>productos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/products.py" line="209" />
            <source>to</source>
            <translation>hasta</translation>
        </message>
    </context>
    <context>
        <name>ProfileTab</name>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="796" />
            <location filename="../../app/ui/customer_form_tabs.py" line="797" />
            <source>Address</source>
            <translation>Dirección</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="821" />
            <source>Birthday</source>
            <translation>Cumpleaños</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="808" />
            <source>By SMS</source>
            <translation>Por SMS</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="809" />
            <source>By email</source>
            <translation>Por correo electrónico</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="807" />
            <source>By phone</source>
            <translation>Por teléfono</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="810" />
            <source>By post</source>
            <translation>Por correo postal</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="787" />
            <source>Campaign</source>
            <translation>Campaña</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="790" />
            <source>Category</source>
            <translation>Categoría</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="799" />
            <source>City</source>
            <translation>Ciudad</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="802" />
            <source>Consent to be contacted</source>
            <translation>Consentimiento de contacto</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="800" />
            <source>District</source>
            <translation>Distrito</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="826" />
            <source>Education</source>
            <translation>Formación</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="783" />
            <source>Email</source>
            <translation>Correo electrónico</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="828" />
            <source>Family</source>
            <translation>Familia</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="829" />
            <source>Hobbies</source>
            <translation>Aficiones</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="777" />
            <source>Identity</source>
            <translation>Identidad</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="791" />
            <source>Industry</source>
            <translation>Sector</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="780" />
            <source>Kind</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="793" />
            <source>Licence plates</source>
            <translation>Matrículas</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="792" />
            <source>Membership card</source>
            <translation>Tarjeta de socio</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="778" />
            <source>Name *</source>
            <translation>Nombre *</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="825" />
            <source>Nationality</source>
            <translation>Nacionalidad</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="832" />
            <location filename="../../app/ui/customer_form_tabs.py" line="836" />
            <source>Notes</source>
            <translation>Notas</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="820" />
            <source>Personal profile</source>
            <translation>Perfil personal</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="781" />
            <source>Phone</source>
            <translation>Teléfono</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="824" />
            <source>Place of birth</source>
            <translation>Lugar de nacimiento</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="823" />
            <source>Place of origin</source>
            <translation>Lugar de origen</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="798" />
            <source>Postcode</source>
            <translation>Código postal</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="830" />
            <source>Preferences</source>
            <translation>Preferencias</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="779" />
            <source>Required</source>
            <translation>Obligatorio</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="782" />
            <source>Second phone</source>
            <translation>Segundo teléfono</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="794" />
            <source>Separate several plates with commas</source>
            <translation>Separe varias matrículas con comas</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="784" />
            <source>Source</source>
            <translation>Origen</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="827" />
            <source>Title</source>
            <translation>Cargo</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="822" />
            <source>e.g. 1980-05-31</source>
            <translation>p. ej. 1980-05-31</translation>
        </message>
    </context>
    <context>
        <name>ProgressDialog</name>
        <message>
            <location filename="../../app/ui/progress_dialog.py" line="80" />
            <source>Cancelling…</source>
            <translation>Cancelando…</translation>
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
                <numerusform>También %n puesto en equipos de cuenta.</numerusform>
                <numerusform>También %n puestos en equipos de cuenta.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="341" />
            <source>Counting…</source>
            <translation>Contando…</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="285" />
            <source>Deactivate the leaving user</source>
            <translation>Desactivar al usuario que se va</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="295" />
            <source>Hand over</source>
            <translation>Traspasar</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="269" />
            <source>Hand over a user's work</source>
            <translation>Traspasar el trabajo de un usuario</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="289" />
            <source>Leaving:</source>
            <translation>Se va:</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="290" />
            <source>Receives (one or more, spread evenly):</source>
            <translation>Recibe (uno o varios, repartido por igual):</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="361" />
            <source>Will move: %1 customers, %2 open deals, %3 open tasks.</source>
            <translation>Se trasladarán: %1 clientes, %2 oportunidades abiertas, %3 tareas abiertas.</translation>
        </message>
    </context>
    <context>
        <name>RedeemDialog</name>
        <message>
            <location filename="../../app/ui/redeem_dialog.py" line="48" />
            <source>%1 has %2 points.</source>
            <translation>%1 tiene %2 puntos.</translation>
        </message>
        <message>
            <location filename="../../app/ui/redeem_dialog.py" line="64" />
            <source>&amp;For</source>
            <translation>&amp;Para</translation>
        </message>
        <message>
            <location filename="../../app/ui/redeem_dialog.py" line="59" />
            <source>&amp;Points</source>
            <translation>&amp;Puntos</translation>
        </message>
        <message>
            <location filename="../../app/ui/redeem_dialog.py" line="76" />
            <source>Redeem</source>
            <translation>Canjear</translation>
        </message>
        <message>
            <location filename="../../app/ui/redeem_dialog.py" line="41" />
            <source>Redeem points</source>
            <translation>Canjear puntos</translation>
        </message>
        <message>
            <location filename="../../app/ui/redeem_dialog.py" line="62" />
            <source>e.g. car wash voucher</source>
            <translation>p. ej. vale de lavado</translation>
        </message>
    </context>
    <context>
        <name>ReminderSettingsTab</name>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="58" />
            <source> days</source>
            <translation> días</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="97" />
            <source>Add category</source>
            <translation>Añadir categoría</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="142" />
            <source>Any other category</source>
            <translation>Cualquier otra categoría</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="73" />
            <source>At risk after their usual interval</source>
            <translation>En riesgo tras su intervalo habitual</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="60" />
            <source>Birthday reminder, days before</source>
            <translation>Aviso de cumpleaños, días antes</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="90" />
            <source>Customer category</source>
            <translation>Categoría de cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="90" />
            <source>Days</source>
            <translation>Días</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="76" />
            <source>Purchases needed to know a customer's interval</source>
            <translation>Compras necesarias para conocer el intervalo de un cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="100" />
            <source>Remove category</source>
            <translation>Quitar categoría</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="65" />
            <source>Repeat buyers: one return visit every</source>
            <translation>Compradores habituales: un seguimiento cada</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="85" />
            <source>Return visit after a purchase, by customer category</source>
            <translation>Seguimiento tras una compra, por categoría de cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="192" />
            <source>Saved. New reminders follow these rules from the next run.</source>
            <translation>Guardado. Los nuevos avisos siguen estas reglas desde la próxima ejecución.</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="63" />
            <source>Small purchases at the desk: at most one return visit per this many days</source>
            <translation>Compras pequeñas en el mostrador: como máximo un seguimiento cada tantos días</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="79" />
            <source>Usual interval assumed for fewer purchases</source>
            <translation>Intervalo habitual supuesto con menos compras</translation>
        </message>
        <message>
            <location filename="../../app/ui/reminder_settings.py" line="80" />
            <source>Visit key accounts every month</source>
            <translation>Visitar a los clientes clave cada mes</translation>
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
            <translation>Clases 80/20</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="449" />
            <source>Activities per salesperson</source>
            <translation>Actividades por vendedor</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="595" />
            <source>Activities: {0}</source>
            <translation>Actividades: {0}</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="179" />
            <location filename="../../app/ui/pages/reports.py" line="339" />
            <source>All salespeople</source>
            <translation>Todos los vendedores</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="578" />
            <source>Bought in {0}</source>
            <translation>Compraron en {0}</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="715" />
            <location filename="../../app/ui/pages/reports.py" line="775" />
            <source>Calls</source>
            <translation>Llamadas</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="148" />
            <source>Campaigns</source>
            <translation>Campañas</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="554" />
            <source>Click a bar or slice to see its customers.</source>
            <translation>Pulse en una barra o un sector para ver sus clientes.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="726" />
            <source>Collected</source>
            <translation>Cobrado</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="515" />
            <source>Competitor</source>
            <translation>Competencia</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="516" />
            <source>Customer's reasons</source>
            <translation>Motivos del cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="506" />
            <source>Customers lost, by reason</source>
            <translation>Clientes perdidos, por motivo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="234" />
            <source>Dashboard</source>
            <translation>Panel</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="249" />
            <source>Day</source>
            <translation>Día</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="719" />
            <source>Deals created</source>
            <translation>Oportunidades creadas</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="590" />
            <source>Deals expected to close in {0}</source>
            <translation>Oportunidades con cierre previsto en {0}</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="720" />
            <source>Deals moved</source>
            <translation>Oportunidades movidas</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="518" />
            <source>Ended</source>
            <translation>Relación terminada</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="773" />
            <source>Follow-ups per salesperson</source>
            <translation>Seguimientos por vendedor</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="408" />
            <source>Hidden: you may not see financial figures</source>
            <translation>Oculto: no puede ver cifras financieras</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="171" />
            <source>Last 12 months</source>
            <translation>Últimos 12 meses</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="168" />
            <source>Last month</source>
            <translation>Mes pasado</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="172" />
            <source>Last year</source>
            <translation>Año pasado</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="453" />
            <location filename="../../app/ui/pages/reports.py" line="723" />
            <source>Lost</source>
            <translation>Perdidos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="599" />
            <source>Lost in {0}</source>
            <translation>Perdidos en {0}</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="527" />
            <source>Lost: a competitor's offer</source>
            <translation>Perdido: la oferta de un competidor</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="529" />
            <source>Lost: no reason given</source>
            <translation>Perdido: sin motivo indicado</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="526" />
            <source>Lost: our product or service</source>
            <translation>Perdido: nuestro producto o servicio</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="528" />
            <source>Lost: the customer's own reasons</source>
            <translation>Perdido: motivos propios del cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="150" />
            <source>Margins</source>
            <translation>Márgenes</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="251" />
            <source>Month</source>
            <translation>Mes</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="144" />
            <source>Monthly workbook</source>
            <translation>Libro mensual</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="453" />
            <source>New</source>
            <translation>Nuevos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="452" />
            <source>New against lost customers</source>
            <translation>Clientes nuevos frente a perdidos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="718" />
            <source>New customers</source>
            <translation>Clientes nuevos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="597" />
            <source>New in {0}</source>
            <translation>Nuevos en {0}</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="521" />
            <source>No customers lost in this period</source>
            <translation>Ningún cliente perdido en este periodo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="364" />
            <source>No database is open.</source>
            <translation>No hay ninguna base de datos abierta.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="407" />
            <source>No figures for this period</source>
            <translation>No hay cifras para este periodo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="779" />
            <source>No follow-ups in this period</source>
            <translation>No hay seguimientos en este periodo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="517" />
            <source>No reason given</source>
            <translation>Sin motivo indicado</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="444" />
            <source>No segments yet: press “Work out segments”</source>
            <translation>Aún no hay segmentos: pulse «Calcular segmentos»</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="465" />
            <source>Nothing is owed</source>
            <translation>No se debe nada</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="537" />
            <source>Nothing to chart yet: sales, deals and activities appear here once they are recorded or imported.</source>
            <translation>Aún no hay nada que representar: las ventas, oportunidades y actividades aparecen aquí una vez registradas o importadas.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="588" />
            <source>Open deals in stage {0}</source>
            <translation>Oportunidades abiertas en la etapa {0}</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="725" />
            <source>Order amount</source>
            <translation>Importe del pedido</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="724" />
            <source>Orders</source>
            <translation>Pedidos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="422" />
            <source>Other</source>
            <translation>Otro</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="717" />
            <location filename="../../app/ui/pages/reports.py" line="777" />
            <source>Other follow-ups</source>
            <translation>Otros seguimientos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="514" />
            <source>Our side</source>
            <translation>Por nuestra parte</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="601" />
            <source>Owing, {0} days</source>
            <translation>Deuda, {0} días</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="200" />
            <location filename="../../app/ui/pages/reports.py" line="259" />
            <source>Period</source>
            <translation>Periodo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="433" />
            <source>Pipeline funnel (open deals)</source>
            <translation>Embudo de ventas (oportunidades abiertas)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="183" />
            <source>RFM segments</source>
            <translation>Segmentos RFM</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="189" />
            <source>Rank customers again: 80/20 classes, RFM, key-account stars, lifecycle</source>
            <translation>Volver a clasificar a los clientes: clases 80/20, RFM, estrellas de clientes clave, ciclo de vida</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="458" />
            <source>Receivables by age (days; customers above the bars)</source>
            <translation>Cuentas por cobrar por antigüedad (días; clientes sobre las barras)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="184" />
            <source>Refresh</source>
            <translation>Actualizar</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="530" />
            <source>Relationship ended</source>
            <translation>Relación terminada</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="156" />
            <source>Reports</source>
            <translation>Informes</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="508" />
            <source>Retention {0} % ({1} of {2} kept)
Customers lost</source>
            <translation>Retención {0} % ({1} de {2} conservados)
Clientes perdidos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="420" />
            <source>Revenue by RFM segment</source>
            <translation>Ingresos por segmento RFM</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="417" />
            <source>Revenue share by 80/20 class (customers)</source>
            <translation>Cuota de ingresos por clase 80/20 (clientes)</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="425" />
            <source>Sales by month: this year against last year</source>
            <translation>Ventas por mes: este año frente al anterior</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="278" />
            <source>Salespeople</source>
            <translation>Vendedores</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="201" />
            <location filename="../../app/ui/pages/reports.py" line="714" />
            <source>Salesperson</source>
            <translation>Vendedor</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="146" />
            <source>Satisfaction</source>
            <translation>Satisfacción</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="191" />
            <source>Scoring rules…</source>
            <translation>Reglas de puntuación…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="593" />
            <source>Segment {0}</source>
            <translation>Segmento {0}</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="543" />
            <source>Segments have not been worked out yet.</source>
            <translation>Aún no se han calculado los segmentos.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="546" />
            <source>Segments worked out for {0} to {1}: {2} customers, {3} starred.</source>
            <translation>Segmentos calculados del {0} al {1}: {2} clientes, {3} con estrella.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="209" />
            <source>Share by</source>
            <translation>Cuota por</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="152" />
            <source>Targets</source>
            <translation>Objetivos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="167" />
            <source>This month</source>
            <translation>Este mes</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="169" />
            <source>This quarter</source>
            <translation>Este trimestre</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="170" />
            <source>This year</source>
            <translation>Este año</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="716" />
            <location filename="../../app/ui/pages/reports.py" line="776" />
            <source>Visits</source>
            <translation>Visitas</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="250" />
            <source>Week</source>
            <translation>Semana</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="436" />
            <source>Weighted forecast by expected close month</source>
            <translation>Previsión ponderada por mes de cierre previsto</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="721" />
            <source>Won</source>
            <translation>Ganada</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="722" />
            <source>Won amount</source>
            <translation>Importe ganado</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="186" />
            <source>Work out segments</source>
            <translation>Calcular segmentos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="644" />
            <location filename="../../app/ui/pages/reports.py" line="685" />
            <source>Working out segments…</source>
            <translation>Calculando segmentos…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/reports.py" line="463" />
            <source>over 90</source>
            <translation>más de 90</translation>
        </message>
    </context>
    <context>
        <name>ResolveCaseDialog</name>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="150" />
            <source>Not asked</source>
            <translation>No preguntado</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="147" />
            <source>Resolution</source>
            <translation>Resolución</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="136" />
            <source>Resolve the case</source>
            <translation>Resolver el caso</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="153" />
            <source>Satisfaction</source>
            <translation>Satisfacción</translation>
        </message>
        <message>
            <location filename="../../app/ui/case_dialogs.py" line="144" />
            <source>What was done for the customer, what was agreed…</source>
            <translation>Qué se hizo por el cliente, qué se acordó…</translation>
        </message>
    </context>
    <context>
        <name>ReturnDialog</name>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="139" />
            <source>%1 of %2: %3</source>
            <translation>%1 del %2: %3</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="146" />
            <source>%1 of %2: %3, cost %4, %5; returned so far %6</source>
            <translation>%1 del %2: %3, coste %4, %5; devuelto hasta ahora %6</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="77" />
            <source>Amount</source>
            <translation>Importe</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="89" />
            <source>Amount returned</source>
            <translation>Importe devuelto</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="76" />
            <source>Bought</source>
            <translation>Comprado</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="64" />
            <source>Order</source>
            <translation>Pedido</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="136" />
            <source>Order %1</source>
            <translation>Pedido %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="75" />
            <source>Product</source>
            <translation>Producto</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="99" />
            <source>Reason</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="110" />
            <source>Record return</source>
            <translation>Registrar devolución</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="79" />
            <source>Return now</source>
            <translation>Devolver ahora</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="78" />
            <source>Returned</source>
            <translation>Devuelto</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="96" />
            <source>Returned on</source>
            <translation>Devuelto el</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="190" />
            <source>Type the quantity returned on a line.</source>
            <translation>Escriba la cantidad devuelta en una línea.</translation>
        </message>
        <message>
            <location filename="../../app/ui/return_dialog.py" line="88" />
            <source>for an order without lines</source>
            <translation>para un pedido sin líneas</translation>
        </message>
    </context>
    <context>
        <name>SatisfactionTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/satisfaction_tab.py" line="132" />
            <source>%n answer(s)</source>
            <translation>
                <numerusform>%n respuesta</numerusform>
                <numerusform>%n respuestas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="75" />
            <location filename="../../app/ui/satisfaction_tab.py" line="112" />
            <source>Answers</source>
            <translation>Respuestas</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="76" />
            <source>Average</source>
            <translation>Media</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="112" />
            <source>Average score</source>
            <translation>Puntuación media</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="51" />
            <source>From</source>
            <translation>Desde</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="114" />
            <source>No scores in this period</source>
            <translation>Sin puntuaciones en este periodo</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="121" />
            <source>Nobody</source>
            <translation>Nadie</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="59" />
            <source>Refresh</source>
            <translation>Actualizar</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="74" />
            <source>Salesperson</source>
            <translation>Vendedor</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="111" />
            <source>Satisfaction by month (red: share of scores 1–2)</source>
            <translation>Satisfacción por mes (en rojo: parte de notas 1–2)</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="78" />
            <source>Share 1–2</source>
            <translation>Parte 1–2</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="77" />
            <source>Share 4–5</source>
            <translation>Parte 4–5</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="137" />
            <source>average %1</source>
            <translation>media %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/satisfaction_tab.py" line="53" />
            <source>to</source>
            <translation>a</translation>
        </message>
    </context>
    <context>
        <name>ScoringSettingsDialog</name>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="41" />
            <source> months</source>
            <translation> meses</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="59" />
            <source>Class A: top share of the total</source>
            <translation>Clase A: la parte superior del total</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="60" />
            <source>Class B: the next</source>
            <translation>Clase B: la siguiente</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="64" />
            <source>Key-account score: each indicator scores 1/3/5/7/9 by quintile; the score is their weighted mean. Customers at or above the average are starred. Weight 0 leaves an indicator out.</source>
            <translation>Puntuación de cliente clave: cada indicador puntúa 1/3/5/7/9 por quintil; la puntuación es su media ponderada. Los clientes en la media o por encima llevan estrella. Peso 0 deja fuera un indicador.</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="57" />
            <source>Period</source>
            <translation>Periodo</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="45" />
            <source>Profit</source>
            <translation>Beneficio</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="58" />
            <source>Rank customers by</source>
            <translation>Clasificar clientes por</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="44" />
            <source>Revenue</source>
            <translation>Ingresos</translation>
        </message>
        <message>
            <location filename="../../app/ui/scoring_settings.py" line="34" />
            <source>Segmentation and key-account scoring</source>
            <translation>Segmentación y puntuación de clientes clave</translation>
        </message>
    </context>
    <context>
        <name>SectionCard</name>
        <message numerus="yes">
            <location filename="../../app/ui/today_view.py" line="258" />
            <source>… and %n more</source>
            <translation>
                <numerusform>… y %n más</numerusform>
                <numerusform>… y %n más</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ServiceTab</name>
        <message>
            <location filename="../../app/ui/service_tab.py" line="91" />
            <source>By</source>
            <translation>Por</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="118" />
            <source>Card %1 · %2 · %3 points</source>
            <translation>Tarjeta %1 · %2 · %3 puntos</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="125" />
            <source>Card %1 · %2 · %3 points · %4 spent in twelve months</source>
            <translation>Tarjeta %1 · %2 · %3 puntos · %4 gastados en doce meses</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="77" />
            <source>Case</source>
            <translation>Caso</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="65" />
            <source>Complaint cases</source>
            <translation>Casos de queja</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="79" />
            <source>Due</source>
            <translation>Vence</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="91" />
            <source>Entry</source>
            <translation>Movimiento</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="132" />
            <source>No membership card: no level or points.</source>
            <translation>Sin tarjeta de socio: sin nivel ni puntos.</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="135" />
            <source>No satisfaction score yet.</source>
            <translation>Todavía sin valoración de satisfacción.</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="68" />
            <source>Open a case…</source>
            <translation>Abrir un caso…</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="76" />
            <source>Opened</source>
            <translation>Abierto el</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="80" />
            <source>Owner</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="91" />
            <source>Points</source>
            <translation>Puntos</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="87" />
            <source>Points ledger</source>
            <translation>Movimientos de puntos</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/service_tab.py" line="139" />
            <source>Satisfaction: last %1 of 5 %2 · average %3 over %n answer(s)</source>
            <translation>
                <numerusform>Satisfacción: última %1 de 5 %2 · media %3 en %n respuesta</numerusform>
                <numerusform>Satisfacción: última %1 de 5 %2 · media %3 en %n respuestas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="81" />
            <source>Score</source>
            <translation>Valoración</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="78" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="91" />
            <source>When</source>
            <translation>Cuándo</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="91" />
            <source>Why</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <location filename="../../app/ui/service_tab.py" line="151" />
            <source>overdue</source>
            <translation>vencido</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="54" />
            <source>Audit log</source>
            <translation>Registro de auditoría</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="48" />
            <source>Credit</source>
            <translation>Crédito</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="57" />
            <source>Database and backups</source>
            <translation>Base de datos y copias</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="50" />
            <source>Office and language</source>
            <translation>Oficina e idioma</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="39" />
            <source>Pipeline stages</source>
            <translation>Etapas del embudo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="59" />
            <source>Privacy</source>
            <translation>Privacidad</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="46" />
            <source>Products</source>
            <translation>Productos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="41" />
            <source>Reminders</source>
            <translation>Avisos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="43" />
            <source>Service and loyalty</source>
            <translation>Servicio y fidelidad</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="63" />
            <source>Settings</source>
            <translation>Configuración</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/settings.py" line="52" />
            <source>Users</source>
            <translation>Usuarios</translation>
        </message>
    </context>
    <context>
        <name>SettingsTab</name>
        <message>
            <location filename="../../app/ui/settings_tab.py" line="127" />
            <source>Nothing changed.</source>
            <translation>No ha cambiado nada.</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_tab.py" line="79" />
            <source>Only administrators and managers change these.</source>
            <translation>Solo los administradores y los gerentes cambian esto.</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_tab.py" line="52" />
            <source>Save</source>
            <translation>Guardar</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_tab.py" line="127" />
            <source>Saved.</source>
            <translation>Guardado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_tab.py" line="146" />
            <source>Saving…</source>
            <translation>Guardando…</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <location filename="../../app/ui/sign_in_dialog.py" line="103" />
            <source>Checking…</source>
            <translation>Comprobando…</translation>
        </message>
        <message>
            <location filename="../../app/ui/sign_in_dialog.py" line="92" />
            <source>Enter your user name.</source>
            <translation>Escriba su nombre de usuario.</translation>
        </message>
        <message>
            <location filename="../../app/ui/sign_in_dialog.py" line="67" />
            <source>Password:</source>
            <translation>Contraseña:</translation>
        </message>
        <message>
            <location filename="../../app/ui/sign_in_dialog.py" line="72" />
            <source>Sign in</source>
            <translation>Iniciar sesión</translation>
        </message>
        <message>
            <location filename="../../app/ui/sign_in_dialog.py" line="45" />
            <source>Sign in to Clientela</source>
            <translation>Iniciar sesión en Clientela</translation>
        </message>
        <message>
            <location filename="../../app/ui/sign_in_dialog.py" line="48" />
            <source>Sign in with your user name and password.</source>
            <translation>Inicie sesión con su nombre de usuario y contraseña.</translation>
        </message>
        <message>
            <location filename="../../app/ui/sign_in_dialog.py" line="66" />
            <source>User name:</source>
            <translation>Nombre de usuario:</translation>
        </message>
    </context>
    <context>
        <name>SpreadDialog</name>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="85" />
            <source>Collections</source>
            <translation>Cobros</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="94" />
            <source>Evenly over the twelve months</source>
            <translation>Por igual en los doce meses</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="95" />
            <source>Like last year's months</source>
            <translation>Como los meses del año pasado</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="89" />
            <source>Measure</source>
            <translation>Indicador</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="86" />
            <source>New customers</source>
            <translation>Clientes nuevos</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="84" />
            <source>Sales</source>
            <translation>Ventas</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="77" />
            <source>Salesperson</source>
            <translation>Vendedor</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="96" />
            <source>Spread</source>
            <translation>Reparto</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="71" />
            <source>Spread a year's target</source>
            <translation>Repartir un objetivo anual</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="98" />
            <source>The twelve months' targets are replaced; they add up to the year's target exactly. Like last year's months: in proportion to what this salesperson did in each month a year before (evenly when nothing was done).</source>
            <translation>Se sustituyen los objetivos de los doce meses; suman exactamente el objetivo anual. Como los meses del año pasado: en proporción a lo que este vendedor hizo en cada mes un año antes (por igual si no hizo nada).</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="92" />
            <source>The year's target</source>
            <translation>Objetivo del año</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="81" />
            <source>Year</source>
            <translation>Año</translation>
        </message>
    </context>
    <context>
        <name>StageDialog</name>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="112" />
            <source> days</source>
            <translation> días</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="172" />
            <source>A stage needs a name.</source>
            <translation>Una etapa necesita un nombre.</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="123" />
            <source>Aging after</source>
            <translation>Estancada tras</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="152" />
            <source>Choose…</source>
            <translation>Elegir…</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="121" />
            <source>Colour</source>
            <translation>Color</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="74" />
            <source>Edit stage</source>
            <translation>Editar etapa</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="100" />
            <source>Lost stage</source>
            <translation>Etapa de pérdida</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="119" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="74" />
            <source>New stage</source>
            <translation>Nueva etapa</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="90" />
            <source>No colour</source>
            <translation>Sin color</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="135" />
            <source>Stage colour</source>
            <translation>Color de la etapa</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="120" />
            <source>Win probability</source>
            <translation>Probabilidad de ganar</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="97" />
            <source>Won stage</source>
            <translation>Etapa de ganada</translation>
        </message>
    </context>
    <context>
        <name>StageSettings</name>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="555" />
            <source>%1 (inactive)</source>
            <translation>%1 (inactivo)</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="424" />
            <source>Activate</source>
            <translation>Activar</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="274" />
            <source>Add…</source>
            <translation>Añadir…</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="203" />
            <source>Aging days</source>
            <translation>Días de estancamiento</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="252" />
            <source>An inactive pipeline leaves the board's chooser and the new-deal dialog</source>
            <translation>Un embudo inactivo sale del selector del tablero y del diálogo de nueva oportunidad</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="200" />
            <source>Colour</source>
            <translation>Color</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="249" />
            <location filename="../../app/ui/stage_settings.py" line="424" />
            <source>Deactivate</source>
            <translation>Desactivar</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="204" />
            <source>Deals</source>
            <translation>Oportunidades</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="537" />
            <location filename="../../app/ui/stage_settings.py" line="626" />
            <source>Delete stage</source>
            <translation>Eliminar etapa</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="627" />
            <source>Delete the stage “{name}”?</source>
            <translation>¿Eliminar la etapa «{name}»?</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="278" />
            <source>Delete…</source>
            <translation>Eliminar…</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="275" />
            <source>Edit…</source>
            <translation>Editar…</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="202" />
            <source>Lost</source>
            <translation>Perdidos</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="277" />
            <source>Move down</source>
            <translation>Bajar</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="276" />
            <source>Move up</source>
            <translation>Subir</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="197" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="620" />
            <source>Name of the pipeline</source>
            <translation>Nombre del embudo</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="581" />
            <source>New pipeline</source>
            <translation>Nuevo embudo</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="243" />
            <source>New pipeline…</source>
            <translation>Nuevo embudo…</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="198" />
            <source>Order</source>
            <translation>Pedido</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="254" />
            <source>Pipeline</source>
            <translation>Embudo</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="594" />
            <source>Rename pipeline</source>
            <translation>Renombrar embudo</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="246" />
            <source>Rename…</source>
            <translation>Renombrar…</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="226" />
            <source>The stages of the pipeline, in the order the board shows them. A stage that holds deals can only be deleted by moving its deals.</source>
            <translation>Las etapas del embudo, en el orden en que las muestra el tablero. Una etapa con oportunidades solo se puede borrar moviendo sus oportunidades.</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="199" />
            <source>Win probability</source>
            <translation>Probabilidad de ganar</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="201" />
            <source>Won</source>
            <translation>Ganada</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="364" />
            <location filename="../../app/ui/stage_settings.py" line="365" />
            <source>yes</source>
            <translation>sí</translation>
        </message>
        <message>
            <location filename="../../app/ui/stage_settings.py" line="538" />
            <source>{count} deal(s) are in “{name}”. Move them to:</source>
            <translation>Hay {count} oportunidad(es) en «{name}». Moverlas a:</translation>
        </message>
    </context>
    <context>
        <name>StatementDialog</name>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="221" />
            <source>%1 unpaid order(s) past due on %2; the oldest %3 days.</source>
            <translation>%1 pedido(s) sin pagar vencido(s) al %2; el más antiguo, %3 días.</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="117" />
            <source>Amount</source>
            <translation>Importe</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="118" />
            <source>Balance</source>
            <translation>Saldo</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="95" />
            <location filename="../../app/ui/statement_dialog.py" line="204" />
            <source>Closing balance</source>
            <translation>Saldo final</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="114" />
            <source>Date</source>
            <translation>Fecha</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="244" />
            <source>Excel (*.xlsx)</source>
            <translation>Excel (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="83" />
            <source>From</source>
            <translation>Desde</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="286" />
            <source>No workbook was written.</source>
            <translation>No se escribió ningún libro.</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="228" />
            <source>Nothing is overdue on %1.</source>
            <translation>No hay nada vencido al %1.</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="139" />
            <source>Open workbook</source>
            <translation>Abrir libro</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="94" />
            <location filename="../../app/ui/statement_dialog.py" line="188" />
            <source>Opening balance</source>
            <translation>Saldo inicial</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="183" />
            <source>Order</source>
            <translation>Pedido</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="96" />
            <source>Overdue</source>
            <translation>Vencidas</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="185" />
            <source>Payment</source>
            <translation>Pago</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="116" />
            <source>Reference</source>
            <translation>Referencia</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="184" />
            <source>Return</source>
            <translation>Devolución</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="134" />
            <source>Save as Excel…</source>
            <translation>Guardar como Excel…</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="244" />
            <source>Save the statement</source>
            <translation>Guardar el extracto</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="282" />
            <source>Saved %1</source>
            <translation>Guardado %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="264" />
            <location filename="../../app/ui/statement_dialog.py" line="272" />
            <source>Saving the statement…</source>
            <translation>Guardando el extracto…</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="252" />
            <source>Statement %1 %2 to %3.xlsx</source>
            <translation>Extracto %1 %2 a %3.xlsx</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="70" />
            <source>Statement of account: %1</source>
            <translation>Extracto de cuenta: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="115" />
            <source>Type</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="168" />
            <source>Working out the statement…</source>
            <translation>Calculando el extracto…</translation>
        </message>
        <message>
            <location filename="../../app/ui/statement_dialog.py" line="85" />
            <source>to</source>
            <translation>a</translation>
        </message>
    </context>
    <context>
        <name>TableExport</name>
        <message numerus="yes">
            <location filename="../../app/ui/table_export.py" line="103" />
            <source>%n row(s) exported to %1</source>
            <translation>
                <numerusform>%n fila exportada a %1</numerusform>
                <numerusform>%n filas exportadas a %1</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="33" />
            <source>Activities</source>
            <translation>Actividades</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="38" />
            <source>Complaint cases</source>
            <translation>Casos de queja</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="31" />
            <source>Contact persons</source>
            <translation>Personas de contacto</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="30" />
            <source>Customers</source>
            <translation>Clientes</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="36" />
            <source>Deals</source>
            <translation>Oportunidades</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="53" />
            <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
            <translation>Libro de Excel (*.xlsx);;CSV, UTF-8 (*.csv)</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="101" />
            <source>Export</source>
            <translation>Exportar</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="91" />
            <source>Exporting %1…</source>
            <translation>Exportando %1…</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="34" />
            <source>Orders</source>
            <translation>Pedidos</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="35" />
            <source>Payments</source>
            <translation>Pagos</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="39" />
            <source>Products</source>
            <translation>Productos</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="37" />
            <source>Tasks</source>
            <translation>Tareas</translation>
        </message>
        <message>
            <location filename="../../app/ui/table_export.py" line="32" />
            <source>Vehicles</source>
            <translation>Vehículos</translation>
        </message>
    </context>
    <context>
        <name>TargetsModel</name>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="165" />
            <source>%1 still needed per day left</source>
            <translation>Faltan %1 por cada día que queda</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="94" />
            <source>%1: reached</source>
            <translation>%1: logrado</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="93" />
            <source>%1: so far</source>
            <translation>%1: hasta hoy</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="92" />
            <source>%1: target</source>
            <translation>%1: objetivo</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="86" />
            <source>Collections</source>
            <translation>Cobros</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="87" />
            <source>New customers</source>
            <translation>Clientes nuevos</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="140" />
            <source>Office</source>
            <translation>Oficina</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="85" />
            <source>Sales</source>
            <translation>Ventas</translation>
        </message>
        <message>
            <location filename="../../app/ui/models/targets_model.py" line="89" />
            <source>Salesperson</source>
            <translation>Vendedor</translation>
        </message>
    </context>
    <context>
        <name>TargetsStrip</name>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="94" />
            <source>%1 a day needed</source>
            <translation>faltan %1 al día</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="86" />
            <source>%1 of %2</source>
            <translation>%1 de %2</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="54" />
            <source>Collections</source>
            <translation>Cobros</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="55" />
            <source>New customers</source>
            <translation>Clientes nuevos</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="44" />
            <source>No targets set for this month.</source>
            <translation>No hay objetivos para este mes.</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="53" />
            <source>Sales</source>
            <translation>Ventas</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/targets_strip.py" line="107" />
            <source>This month's targets (%1, %n day(s) left)</source>
            <translation>
                <numerusform>Objetivos del mes (%1, queda %n día)</numerusform>
                <numerusform>Objetivos del mes (%1, quedan %n días)</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="96" />
            <source>reached</source>
            <translation>logrado</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_strip.py" line="105" />
            <source>the office</source>
            <translation>la oficina</translation>
        </message>
    </context>
    <context>
        <name>TargetsTab</name>
        <message numerus="yes">
            <location filename="../../app/ui/targets_tab.py" line="337" />
            <source>%n day(s) left in the month, today included; a target's tooltip says what is still needed per day.</source>
            <translation>
                <numerusform>Queda %n día del mes, hoy incluido; la ayuda de cada objetivo dice cuánto falta al día.</numerusform>
                <numerusform>Quedan %n días del mes, hoy incluido; la ayuda de cada objetivo dice cuánto falta al día.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/targets_tab.py" line="426" />
            <source>%n target(s) copied from last month.</source>
            <translation>
                <numerusform>%n objetivo copiado del mes pasado.</numerusform>
                <numerusform>%n objetivos copiados del mes pasado.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="248" />
            <source>Add by category or region…</source>
            <translation>Añadir por categoría o región…</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="245" />
            <source>By product category or region</source>
            <translation>Por categoría de producto o región</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="213" />
            <source>Copy last month</source>
            <translation>Copiar el mes pasado</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="346" />
            <source>Double-click a target to change it; an empty target clears it.</source>
            <translation>Doble clic en un objetivo para cambiarlo; vacío lo borra.</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="216" />
            <source>Last month's targets for this month; targets already set here stay.</source>
            <translation>Los objetivos del mes pasado para este mes; los ya fijados aquí se quedan.</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="205" />
            <source>Month</source>
            <translation>Mes</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="351" />
            <source>No targets set for this month.</source>
            <translation>No hay objetivos para este mes.</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="220" />
            <source>Spread a year…</source>
            <translation>Repartir un año…</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="348" />
            <source>Targets are set by a manager.</source>
            <translation>Los objetivos los fija un responsable.</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="335" />
            <source>The month has not begun.</source>
            <translation>El mes aún no ha empezado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/targets_tab.py" line="344" />
            <source>The month is over.</source>
            <translation>El mes ha terminado.</translation>
        </message>
    </context>
    <context>
        <name>TaskDialog</name>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="249" />
            <source>Does not repeat</source>
            <translation>No se repite</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="240" />
            <source>Due</source>
            <translation>Vence</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="251" />
            <source>Every month</source>
            <translation>Cada mes</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="250" />
            <source>Every week</source>
            <translation>Cada semana</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="259" />
            <source>For</source>
            <translation>Para</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="243" />
            <source>High</source>
            <translation>Alta</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="243" />
            <source>Low</source>
            <translation>Baja</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="228" />
            <source>New task</source>
            <translation>Nueva tarea</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="243" />
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="263" />
            <source>Note</source>
            <translation>Nota</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="246" />
            <source>Priority</source>
            <translation>Prioridad</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="252" />
            <source>Repeat</source>
            <translation>Repetir</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="233" />
            <source>Task</source>
            <translation>Tarea</translation>
        </message>
    </context>
    <context>
        <name>TaskTableModel</name>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="77" />
            <source>Customer</source>
            <translation>Cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="75" />
            <source>Due</source>
            <translation>Vence</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="84" />
            <source>High</source>
            <translation>Alta</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="84" />
            <source>Low</source>
            <translation>Baja</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="84" />
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="79" />
            <source>Owner</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="78" />
            <source>Priority</source>
            <translation>Prioridad</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="80" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="76" />
            <source>Task</source>
            <translation>Tarea</translation>
        </message>
    </context>
    <context>
        <name>TasksPage</name>
        <message numerus="yes">
            <location filename="../../app/ui/pages/tasks.py" line="459" />
            <source>%n task(s)</source>
            <translation>
                <numerusform>%n tarea</numerusform>
                <numerusform>%n tareas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="331" />
            <source>1 day</source>
            <translation>1 día</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="333" />
            <source>1 week</source>
            <translation>1 semana</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="305" />
            <source>All</source>
            <translation>Todas</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="304" />
            <source>Done</source>
            <translation>Completadas</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="324" />
            <source>Done</source>
            <comment>button: mark the selected tasks done</comment>
            <translation>Hecho</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="385" />
            <source>Everyone's</source>
            <translation>De todos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="440" />
            <source>Export tasks</source>
            <translation>Exportar tareas</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="337" />
            <source>Export…</source>
            <translation>Exportar…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="383" />
            <source>My tasks</source>
            <translation>Mis tareas</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="320" />
            <source>New task…</source>
            <translation>Nueva tarea…</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="303" />
            <source>Open</source>
            <translation>Pendientes</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="339" />
            <source>Save the tasks shown, in this order</source>
            <translation>Guardar las tareas mostradas, en este orden</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="328" />
            <source>Snooze</source>
            <translation>Posponer</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="369" />
            <source>Tasks</source>
            <translation>Tareas</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/tasks.py" line="440" />
            <source>tasks</source>
            <translation>tareas</translation>
        </message>
    </context>
    <context>
        <name>TeamTab</name>
        <message>
            <location filename="../../app/ui/team_tab.py" line="178" />
            <source>(left)</source>
            <translation>(se fue)</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="171" />
            <source>A key account needs at least two team members besides the owner.</source>
            <translation>Un cliente clave necesita al menos dos miembros del equipo además del responsable.</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="45" />
            <source>Account lead</source>
            <translation>Responsable de cuenta</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="46" />
            <source>Account manager</source>
            <translation>Gestor de cuenta</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="85" />
            <source>Account team</source>
            <translation>Equipo de cuenta</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="100" />
            <source>Add or change</source>
            <translation>Añadir o cambiar</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="291" />
            <source>Choose a contact person in the list first.</source>
            <translation>Elija primero una persona de contacto en la lista.</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="282" />
            <source>Choose a member in the list first.</source>
            <translation>Elija primero un miembro en la lista.</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="118" />
            <source>Contact person</source>
            <translation>Persona de contacto</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="47" />
            <source>Executive sponsor</source>
            <translation>Patrocinador ejecutivo</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="88" />
            <source>Member</source>
            <translation>Miembro</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="189" />
            <source>Nobody</source>
            <translation>Nadie</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="118" />
            <source>Our counterpart</source>
            <translation>Nuestro interlocutor</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/team_tab.py" line="166" />
            <source>Owner: %1 · %n team member(s) besides the owner</source>
            <translation>
                <numerusform>Responsable: %1 · %n miembro del equipo además del responsable</numerusform>
                <numerusform>Responsable: %1 · %n miembros del equipo además del responsable</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="129" />
            <source>Pair with the contact</source>
            <translation>Emparejar con el contacto</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="104" />
            <source>Remove</source>
            <translation>Quitar</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="118" />
            <source>Role in buying</source>
            <translation>Papel en la compra</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="88" />
            <source>Role on the account</source>
            <translation>Función en la cuenta</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="256" />
            <source>Saved.</source>
            <translation>Guardado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="48" />
            <source>Service</source>
            <translation>Servicio</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="214" />
            <source>The owner or a manager changes the team.</source>
            <translation>El equipo lo cambia el responsable o un gerente.</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="114" />
            <source>Their people and our counterparts</source>
            <translation>Sus personas y nuestros interlocutores</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="165" />
            <source>nobody</source>
            <translation>nadie</translation>
        </message>
        <message>
            <location filename="../../app/ui/team_tab.py" line="179" />
            <source>owner</source>
            <translation>responsable</translation>
        </message>
    </context>
    <context>
        <name>TimelineTab</name>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="663" />
            <source>By</source>
            <translation>Por</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="649" />
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="644" />
            <source>Enter saves · Shift+Enter new line · Esc cancels</source>
            <translation>Intro guarda · Mayús+Intro nueva línea · Esc cancela</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="620" />
            <source>Keyboard: %1, then a letter</source>
            <translation>Teclado: %1 y después una letra</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="663" />
            <source>Kind</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="609" />
            <source>Log a %1 (%2)</source>
            <translation>Registrar %1 (%2)</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="603" />
            <source>Log:</source>
            <translation>Registrar:</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="703" />
            <source>New entry: %1</source>
            <translation>Nueva entrada: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="671" />
            <source>Nothing logged yet.</source>
            <translation>Aún no hay nada registrado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="646" />
            <source>Save</source>
            <translation>Guardar</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="663" />
            <source>What</source>
            <translation>Qué</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="663" />
            <source>When</source>
            <translation>Cuándo</translation>
        </message>
        <message>
            <location filename="../../app/ui/customer_form_tabs.py" line="688" />
            <source>satisfaction %1/5</source>
            <translation>satisfacción %1/5</translation>
        </message>
    </context>
    <context>
        <name>TodayPage</name>
        <message>
            <location filename="../../app/ui/pages/today.py" line="305" />
            <source>%1 · %2 to do</source>
            <translation>%1 · %2 pendientes</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="351" />
            <source>%n day(s) in this stage</source>
            <translation>
                <numerusform>%n día en esta etapa</numerusform>
                <numerusform>%n días en esta etapa</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="366" />
            <location filename="../../app/ui/pages/today.py" line="370" />
            <source>%n day(s) late</source>
            <translation>
                <numerusform>%n día de retraso</numerusform>
                <numerusform>%n días de retraso</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="499" />
            <source>%n task(s) due now</source>
            <translation>
                <numerusform>%n tarea vence ahora</numerusform>
                <numerusform>%n tareas vencen ahora</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="162" />
            <source>Birthdays in the next 7 days</source>
            <translation>Cumpleaños en los próximos 7 días</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="396" />
            <source>Check that the backup folder can be written, or back up now.</source>
            <translation>Compruebe que se puede escribir en la carpeta de copias o haga una copia ahora.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="519" />
            <source>Clientela</source>
            <translation>Clientela</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="174" />
            <source>Contracts ending soon</source>
            <translation>Contratos que terminan pronto</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="163" />
            <source>Customers at risk</source>
            <translation>Clientes en riesgo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="165" />
            <source>Deals stuck too long in a stage</source>
            <translation>Oportunidades estancadas demasiado tiempo en una etapa</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="160" />
            <source>Due today</source>
            <translation>Vencen hoy</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="179" />
            <source>Every key account has a team.</source>
            <translation>Todos los clientes clave tienen equipo.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="196" />
            <source>Everyone</source>
            <translation>Todos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="161" />
            <source>Follow-up visits due</source>
            <translation>Seguimientos pendientes</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="178" />
            <source>Key accounts with a thin team</source>
            <translation>Clientes clave con equipo escaso</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="194" />
            <source>My work</source>
            <translation>Mi trabajo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="162" />
            <source>No birthdays.</source>
            <translation>No hay cumpleaños.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="171" />
            <source>No case is overdue.</source>
            <translation>Ningún caso vencido.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="175" />
            <source>No contract ends soon.</source>
            <translation>Ningún contrato termina pronto.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="163" />
            <source>No customer at risk.</source>
            <translation>Ningún cliente en riesgo.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="166" />
            <source>No deal is stuck.</source>
            <translation>Ninguna oportunidad estancada.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="161" />
            <source>No follow-up due.</source>
            <translation>Ningún seguimiento pendiente.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="168" />
            <source>No open case.</source>
            <translation>Ningún caso abierto.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="160" />
            <source>Nothing else due today.</source>
            <translation>Nada más vence hoy.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="159" />
            <source>Nothing overdue.</source>
            <translation>Nada vencido.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="168" />
            <source>Open complaint cases</source>
            <translation>Casos de queja abiertos</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="159" />
            <source>Overdue</source>
            <translation>Vencidas</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="170" />
            <source>Overdue cases of my team</source>
            <translation>Casos vencidos de mi equipo</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="111" />
            <source>Refresh</source>
            <translation>Actualizar</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="101" />
            <source>Show:</source>
            <translation>Mostrar:</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="359" />
            <source>Team: the owner alone</source>
            <translation>Equipo: solo el responsable</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="361" />
            <source>Team: the owner and %n more</source>
            <translation>
                <numerusform>Equipo: el responsable y %n más</numerusform>
                <numerusform>Equipo: el responsable y %n más</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="388" />
            <source>The last good backup is %n day(s) old</source>
            <translation>
                <numerusform>La última copia válida tiene %n día</numerusform>
                <numerusform>La última copia válida tiene %n días</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="383" />
            <source>There is no good backup of this database in %1.</source>
            <translation>No hay ninguna copia válida de esta base de datos en %1.</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="155" />
            <source>Today</source>
            <translation>Hoy</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="368" />
            <source>due %1</source>
            <translation>vence el %1</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="354" />
            <source>ends in %n day(s)</source>
            <translation>
                <numerusform>termina en %n día</numerusform>
                <numerusform>termina en %n días</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="346" />
            <source>in %n day(s)</source>
            <translation>
                <numerusform>dentro de %n día</numerusform>
                <numerusform>dentro de %n días</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/today.py" line="344" />
            <source>today</source>
            <translation>hoy</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/pages/today.py" line="498" />
            <source>… and %n more</source>
            <translation>
                <numerusform>… y %n más</numerusform>
                <numerusform>… y %n más</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>UserDialog</name>
        <message>
            <location filename="../../app/ui/user_settings.py" line="176" />
            <source>Active</source>
            <translation>Activo</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="180" />
            <source>Display name:</source>
            <translation>Nombre visible:</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="156" />
            <source>Edit user</source>
            <translation>Editar usuario</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="170" />
            <source>May see money figures (amounts, balances)</source>
            <translation>Puede ver cifras económicas (importes, saldos)</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="173" />
            <source>May sign in by the computer's login name</source>
            <translation>Puede iniciar sesión con el nombre de inicio de sesión del equipo</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="156" />
            <source>New user</source>
            <translation>Nuevo usuario</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="181" />
            <source>Role:</source>
            <translation>Rol:</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="179" />
            <source>User name:</source>
            <translation>Nombre de usuario:</translation>
        </message>
    </context>
    <context>
        <name>UserSettings</name>
        <message>
            <location filename="../../app/ui/user_settings.py" line="58" />
            <source>Administrator</source>
            <translation>Administrador</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="59" />
            <source>Manager</source>
            <translation>Gerente</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="142" />
            <source>Password again:</source>
            <translation>Repita la contraseña:</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="141" />
            <source>Password:</source>
            <translation>Contraseña:</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="60" />
            <source>Salesperson</source>
            <translation>Vendedor</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="146" />
            <source>The two passwords differ.</source>
            <translation>Las dos contraseñas no coinciden.</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="61" />
            <source>Viewer (reads only)</source>
            <translation>Solo consulta</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="134" />
            <source>at least %1 characters</source>
            <translation>al menos %1 caracteres</translation>
        </message>
    </context>
    <context>
        <name>UserSettingsTab</name>
        <message>
            <location filename="../../app/ui/user_settings.py" line="623" />
            <source>%1 deactivated: their name stays on their work.</source>
            <translation>%1 desactivado: su nombre se mantiene en su trabajo.</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="401" />
            <source>Add…</source>
            <translation>Añadir…</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="429" />
            <source>Allow signing in by the computer's login name</source>
            <translation>Permitir iniciar sesión con el nombre de inicio de sesión del equipo</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="407" />
            <source>Deactivate</source>
            <translation>Desactivar</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="402" />
            <source>Edit…</source>
            <translation>Editar…</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="410" />
            <source>Hand over work…</source>
            <translation>Traspasar trabajo…</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="650" />
            <source>Handed over %1 customers, %2 open deals and %3 open tasks.</source>
            <translation>Se traspasaron %1 clientes, %2 oportunidades abiertas y %3 tareas abiertas.</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="426" />
            <source>Office rules</source>
            <translation>Reglas de la oficina</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="690" />
            <source>Office rules saved.</source>
            <translation>Reglas de la oficina guardadas.</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="611" />
            <source>Password of %1 removed.</source>
            <translation>Contraseña de %1 quitada.</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="611" />
            <source>Password of %1 set.</source>
            <translation>Contraseña de %1 establecida.</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="404" />
            <source>Password…</source>
            <translation>Contraseña…</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="427" />
            <source>Salespeople see every customer, not only their own</source>
            <translation>Los vendedores ven todos los clientes, no solo los suyos</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/ui/user_settings.py" line="656" />
            <source>The team places on %n customer(s) went along.</source>
            <translation>
                <numerusform>Los puestos de equipo en %n cliente también pasaron.</numerusform>
                <numerusform>Los puestos de equipo en %n clientes también pasaron.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="572" />
            <source>User %1 added.</source>
            <translation>Usuario %1 añadido.</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="592" />
            <source>User %1 saved.</source>
            <translation>Usuario %1 guardado.</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="432" />
            <source>Users marked so in their settings then start without a password when their login name on this computer is their user name.</source>
            <translation>Los usuarios marcados así en su configuración empiezan sin contraseña cuando su nombre de inicio de sesión en este equipo es su nombre de usuario.</translation>
        </message>
    </context>
    <context>
        <name>UsersModel</name>
        <message>
            <location filename="../../app/ui/user_settings.py" line="77" />
            <source>Active</source>
            <translation>Activo</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="119" />
            <source>Deactivated</source>
            <translation>Desactivado</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="72" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="111" />
            <source>No</source>
            <translation>No</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="115" />
            <source>None</source>
            <translation>Ninguno</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="75" />
            <source>Password</source>
            <translation>Contraseña</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="74" />
            <source>Role</source>
            <translation>Rol</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="76" />
            <source>Sees money</source>
            <translation>Ve importes</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="115" />
            <source>Set</source>
            <translation>Establecida</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="73" />
            <source>User name</source>
            <translation>Nombre de usuario</translation>
        </message>
        <message>
            <location filename="../../app/ui/user_settings.py" line="111" />
            <source>Yes</source>
            <translation>Sí</translation>
        </message>
    </context>
    <context>
        <name>WelcomeDialog</name>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="83" />
            <source>Chinese (中文)</source>
            <translation>Chino (中文)</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="186" />
            <source>Contract signing</source>
            <translation>Firma del contrato</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="103" />
            <source>Customers:</source>
            <translation>Clientes:</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="79" />
            <source>Demo data</source>
            <translation>Datos de demostración</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="214" />
            <source>Demo data cancelled.</source>
            <translation>Datos de demostración cancelados.</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="85" />
            <source>English</source>
            <translation>Inglés (English)</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="169" />
            <source>Generating demo data…</source>
            <translation>Generando datos de demostración…</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="183" />
            <source>Initial contact</source>
            <translation>Primer contacto</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="97" />
            <source>Load demo data</source>
            <translation>Cargar datos de demostración</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="71" />
            <source>Load demo data to look around with realistic customers, deals and orders, or start empty and enter your own.</source>
            <translation>Cargue datos de demostración para explorar con clientes, oportunidades y pedidos realistas, o empiece vacío e introduzca los suyos.</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="188" />
            <source>Lost</source>
            <translation>Perdida</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="102" />
            <source>Names and places in:</source>
            <translation>Nombres y lugares en:</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="185" />
            <source>Negotiation</source>
            <translation>Negociación</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="134" />
            <source>Password again:</source>
            <translation>Repita la contraseña:</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="133" />
            <source>Password:</source>
            <translation>Contraseña:</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="182" />
            <source>Sales</source>
            <translation>Ventas</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="184" />
            <source>Sample / trial</source>
            <translation>Muestra / prueba</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="84" />
            <source>Spanish (Español)</source>
            <translation>Español</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="106" />
            <location filename="../../app/ui/welcome_dialog.py" line="128" />
            <source>Start empty</source>
            <translation>Empezar vacío</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="178" />
            <source>The two passwords differ.</source>
            <translation>Las dos contraseñas no coinciden.</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="64" />
            <source>This database is empty</source>
            <translation>Esta base de datos está vacía</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="61" />
            <source>Welcome to Clientela</source>
            <translation>Bienvenido a Clientela</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="120" />
            <source>With a password, everyone signs in when the program starts. Without one, nobody is asked (add passwords later in Settings ▸ Users).</source>
            <translation>Con contraseña, todos inician sesión al arrancar el programa. Sin ella, no se pide a nadie (añada contraseñas después en Configuración ▸ Usuarios).</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="187" />
            <source>Won</source>
            <translation>Ganada</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="132" />
            <source>Your user name (administrator):</source>
            <translation>Su nombre de usuario (administrador):</translation>
        </message>
        <message>
            <location filename="../../app/ui/welcome_dialog.py" line="114" />
            <source>at least %1 characters</source>
            <translation>al menos %1 caracteres</translation>
        </message>
    </context>
    <context>
        <name>WonAmountDialog</name>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="143" />
            <source>Deal won</source>
            <translation>Oportunidad ganada</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="152" />
            <source>Final amount</source>
            <translation>Importe final</translation>
        </message>
        <message>
            <location filename="../../app/ui/pages/pipeline.py" line="170" />
            <source>Give the amount as a number</source>
            <translation>Indique el importe como número</translation>
        </message>
    </context>
    <context>
        <name>db</name>
        <message>
            <source>opened read-only</source>
            <translation>abierta en solo lectura</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="692" />
            <source>this database is open read-only</source>
            <translation>esta base de datos está abierta en solo lectura</translation>
        </message>
        <message>
            <source>this database was written by a newer version of Clientela; it is open read-only</source>
            <translation>esta base de datos fue escrita por una versión más nueva de Clientela; está abierta en solo lectura</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>Column</source>
            <translation>Columna</translation>
        </message>
        <message>
            <source>Errors</source>
            <translation>Errores</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>Fila</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Valor</translation>
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="157" />
            <source>a campaign is kept only when the source is a campaign</source>
            <translation>la campaña solo se conserva cuando el origen es una campaña</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="621" />
            <source>a case is due in 0 to 365 days</source>
            <translation>una queja vence en 0 a 365 días</translation>
        </message>
        <message>
            <location filename="../../app/services/contracts.py" line="93" />
            <source>a contract needs a number</source>
            <translation>un contrato necesita un número</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="78" />
            <source>a cost cannot be negative</source>
            <translation>un coste no puede ser negativo</translation>
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="335" />
            <source>a customer cannot be merged with itself</source>
            <translation>un cliente no se puede fusionar consigo mismo</translation>
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="190" />
            <source>a customer category has at most 60 characters</source>
            <translation>una categoría de cliente tiene como máximo 60 caracteres</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="438" />
            <source>a deal changes pipeline as it is: choose a stage of its state</source>
            <translation>una oportunidad cambia de embudo tal como está: elija una etapa de su estado</translation>
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="162" />
            <source>a deal needs a title</source>
            <translation>una oportunidad necesita un título</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="91" />
            <source>a discount has at most two decimals</source>
            <translation>un descuento tiene como máximo dos decimales</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="87" />
            <source>a discount is between 0 and 100 %, not {value}</source>
            <translation>un descuento está entre 0 y 100 %, no {value}</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="384" />
            <source>a display name has at most {n} characters</source>
            <translation>un nombre visible tiene como máximo {n} caracteres</translation>
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="163" />
            <location filename="../../app/services/importer.py" line="488" />
            <source>a licence plate has at most 20 characters</source>
            <translation>una matrícula tiene como máximo 20 caracteres</translation>
        </message>
        <message>
            <location filename="../../app/cli_orders.py" line="317" />
            <source>a line is PRODUCT:QTY[:PRICE[:DISCOUNT[:COST]]], not {spec}</source>
            <translation>una línea es PRODUCTO:CANTIDAD[:PRECIO[:DESCUENTO[:COSTE]]], no {spec}</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="617" />
            <source>a multiplier is 0 to 100</source>
            <translation>un multiplicador va de 0 a 100</translation>
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="251" />
            <source>a new deal starts in an open stage</source>
            <translation>una oportunidad nueva empieza en una etapa abierta</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="171" />
            <source>a password has at least {n} characters</source>
            <translation>una contraseña tiene al menos {n} caracteres</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="651" />
            <source>a payment cannot be dated before the customer existed ({day})</source>
            <translation>un pago no puede tener fecha anterior a la existencia del cliente ({day})</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="648" />
            <source>a payment is above zero</source>
            <translation>un pago es mayor que cero</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="132" />
            <source>a pipeline named {name} exists already</source>
            <translation>ya existe un embudo llamado {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="129" />
            <source>a pipeline needs a name of at most 100 characters</source>
            <translation>un embudo necesita un nombre de como máximo 100 caracteres</translation>
        </message>
        <message>
            <location filename="../../app/services/products.py" line="102" />
            <source>a product needs a name</source>
            <translation>un producto necesita un nombre</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="76" />
            <source>a quantity has at most three decimals</source>
            <translation>una cantidad tiene como máximo tres decimales</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="561" />
            <source>a return cannot be dated before its order ({day})</source>
            <translation>una devolución no puede tener fecha anterior a su pedido ({day})</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="604" />
            <source>a return of {amount} is more than the {left} left to return on this order</source>
            <translation>una devolución de {amount} supera los {left} que quedan por devolver en este pedido</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="581" />
            <source>a return of {qty} is more than the {left} left of {what}</source>
            <translation>una devolución de {qty} supera lo que queda de {what} ({left})</translation>
        </message>
        <message>
            <location filename="../../app/cli_orders.py" line="420" />
            <source>a returned line is LINE_ID:QTY, not {spec}</source>
            <translation>una línea devuelta es ID_LÍNEA:CANTIDAD, no {spec}</translation>
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="38" />
            <source>a server database is backed up with the server's own tools (pg_dump)</source>
            <translation>una base de datos de servidor se copia con las herramientas del propio servidor (pg_dump)</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="894" />
            <source>a stage is won or lost, not both</source>
            <translation>una etapa es de ganada o de perdida, no ambas</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="890" />
            <source>a stage needs a name of at most 100 characters</source>
            <translation>una etapa necesita un nombre de como máximo 100 caracteres</translation>
        </message>
        <message>
            <location filename="../../app/services/statement.py" line="130" />
            <source>a statement covers at most twenty years</source>
            <translation>un extracto abarca como mucho veinte años</translation>
        </message>
        <message>
            <location filename="../../app/services/statement.py" line="150" />
            <source>a statement of account shows money figures you may not see</source>
            <translation>un estado de cuenta muestra cifras de dinero que usted no puede ver</translation>
        </message>
        <message>
            <location filename="../../app/services/activities.py" line="51" />
            <location filename="../../app/services/tasks.py" line="131" />
            <location filename="../../app/services/tasks.py" line="338" />
            <source>a time needs its time zone</source>
            <translation>una hora necesita su zona horaria</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="618" />
            <source>a user cannot hand their work to themselves</source>
            <translation>un usuario no puede pasarse su trabajo a sí mismo</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="191" />
            <source>a user name has at most {n} characters</source>
            <translation>un nombre de usuario tiene como máximo {n} caracteres</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="189" />
            <source>a user name is needed</source>
            <translation>se necesita un nombre de usuario</translation>
        </message>
        <message>
            <location filename="../../app/services/teams.py" line="188" />
            <source>a viewer cannot be on an account's team</source>
            <translation>un usuario de solo lectura no puede estar en el equipo de una cuenta</translation>
        </message>
        <message>
            <location filename="../../app/services/access.py" line="118" />
            <source>a viewer cannot change anything</source>
            <translation>un usuario de solo consulta no puede cambiar nada</translation>
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="79" />
            <location filename="../../app/services/tasks.py" line="171" />
            <source>a viewer cannot change tasks</source>
            <translation>un usuario de solo consulta no puede cambiar tareas</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="672" />
            <source>a viewer cannot import customers</source>
            <translation>un usuario de solo consulta no puede importar clientes</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="133" />
            <source>a viewer cannot invite customers</source>
            <translation>un usuario de solo consulta no puede invitar clientes</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="630" />
            <source>a viewer cannot own customers</source>
            <translation>un usuario de solo consulta no puede ser responsable de clientes</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="285" />
            <source>activate the pipeline first</source>
            <translation>active primero el embudo</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="412" />
            <source>adjust by a whole number of points</source>
            <translation>ajuste con un número entero de puntos</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="896" />
            <source>aging takes 0 to 3650 days</source>
            <translation>el estancamiento va de 0 a 3650 días</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="410" />
            <source>an adjustment needs its reason</source>
            <translation>un ajuste necesita su motivo</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="229" />
            <source>an event needs a name</source>
            <translation>un evento necesita un nombre</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="243" />
            <source>an order numbered {number} exists already</source>
            <translation>ya existe un pedido con el número {number}</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="428" />
            <source>an order something was returned of cannot become a draft or be cancelled</source>
            <translation>un pedido con devoluciones no puede pasar a borrador ni cancelarse</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="403" />
            <source>an order stays with its customer</source>
            <translation>un pedido se queda con su cliente</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="350" />
            <source>an order's form shows prices and costs you may not see</source>
            <translation>el formulario de un pedido muestra precios y costes que usted no puede ver</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="171" />
            <source>another PC is writing to the database; try again in a moment</source>
            <translation>otro equipo está escribiendo en la base de datos; vuelva a intentarlo en un momento</translation>
        </message>
        <message>
            <location filename="../../app/services/contracts.py" line="96" />
            <source>another contract is numbered {number}</source>
            <translation>otro contrato tiene el número {number}</translation>
        </message>
        <message>
            <location filename="../../app/services/products.py" line="127" />
            <source>another product has the code {code}</source>
            <translation>otro producto tiene el código {code}</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="96" />
            <source>at most two decimals</source>
            <translation>como máximo dos decimales</translation>
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="678" />
            <location filename="../../app/services/validation.py" line="67" />
            <source>at most {max} characters (this has {n})</source>
            <translation>como máximo {max} caracteres (este tiene {n})</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="306" />
            <source>bad date {text}: use YYYY-MM-DD</source>
            <translation>fecha incorrecta {text}: use AAAA-MM-DD</translation>
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="104" />
            <source>cannot export to {name}: use a .xlsx or .csv file</source>
            <translation>no se puede exportar a {name}: use un archivo .xlsx o .csv</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="263" />
            <source>cannot export {what}: choose one of {whats}</source>
            <translation>no se puede exportar {what}: elija uno de {whats}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="397" />
            <source>cannot open the database {where}: {err}</source>
            <translation>no se puede abrir la base de datos {where}: {err}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="424" />
            <source>cannot prepare the database: {err}</source>
            <translation>no se puede preparar la base de datos: {err}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="722" />
            <source>cannot read the mapping {path}: {reason}</source>
            <translation>no se puede leer la correspondencia {path}: {reason}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="172" />
            <source>cannot read the sheet {sheet} of {file}: {reason}</source>
            <translation>no se puede leer la hoja {sheet} de {file}: {reason}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="238" />
            <source>cannot read {path}: permission denied</source>
            <translation>no se puede leer {path}: permiso denegado</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="243" />
            <source>cannot read {path}: {err}</source>
            <translation>no se puede leer {path}: {err}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="136" />
            <source>cannot read {path}: {reason}</source>
            <translation>no se puede leer {path}: {reason}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="299" />
            <source>cannot use the database address {url}: {err}</source>
            <translation>no se puede usar la dirección de base de datos {url}: {err}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="254" />
            <source>cannot write to the folder {folder}</source>
            <translation>no se puede escribir en la carpeta {folder}</translation>
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="132" />
            <location filename="../../app/reports/key_account_workbook.py" line="263" />
            <location filename="../../app/reports/monthly_workbook.py" line="561" />
            <location filename="../../app/reports/privacy_workbook.py" line="456" />
            <location filename="../../app/reports/statement_workbook.py" line="176" />
            <location filename="../../app/services/importer.py" line="1097" />
            <source>cannot write {path}: no such folder</source>
            <translation>no se puede escribir {path}: no existe la carpeta</translation>
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="136" />
            <location filename="../../app/reports/key_account_workbook.py" line="344" />
            <location filename="../../app/reports/monthly_workbook.py" line="586" />
            <location filename="../../app/reports/privacy_workbook.py" line="516" />
            <location filename="../../app/reports/statement_workbook.py" line="276" />
            <source>cannot write {path}: {reason}</source>
            <translation>no se puede escribir {path}: {reason}</translation>
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="164" />
            <source>cannot write {path}: {reason} (is it open in another program?)</source>
            <translation>no se puede escribir {path}: {reason} (¿está abierto en otro programa?)</translation>
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="260" />
            <source>card {card} already belongs to {other}</source>
            <translation>la tarjeta {card} ya pertenece a {other}</translation>
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="231" />
            <source>choose a customer for the deal</source>
            <translation>elija un cliente para la oportunidad</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="427" />
            <source>choose an active pipeline</source>
            <translation>elija un embudo activo</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="1030" />
            <source>choose another stage of the same pipeline</source>
            <translation>elija otra etapa del mismo embudo</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="616" />
            <source>choose who receives the work</source>
            <translation>elija quién recibe el trabajo</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="100" />
            <location filename="../../app/services/customer_file.py" line="130" />
            <location filename="../../app/services/front_desk.py" line="85" />
            <location filename="../../app/services/loyalty.py" line="548" />
            <location filename="../../app/services/statement.py" line="155" />
            <source>customer {id} does not exist</source>
            <translation>el cliente {id} no existe</translation>
        </message>
        <message>
            <location filename="../../app/services/privacy.py" line="568" />
            <source>customer {number} was already erased on {day}</source>
            <translation>el cliente {number} ya se borró el {day}</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="957" />
            <source>deals are in this stage: move them before making it won or lost</source>
            <translation>hay oportunidades en esta etapa: muévalas antes de hacerla de ganada o de perdida</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="1032" />
            <source>deals cannot be moved to lost without a reason</source>
            <translation>las oportunidades no pasan a perdidas sin un motivo</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="188" />
            <source>duplicates are skipped, updated or created, not {value}</source>
            <translation>los duplicados se omiten, se actualizan o se crean, no {value}</translation>
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="186" />
            <source>export cancelled</source>
            <translation>exportación cancelada</translation>
        </message>
        <message>
            <location filename="../../app/cli_orders.py" line="508" />
            <source>give --customer or --expiring</source>
            <translation>indique --customer o --expiring</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="57" />
            <source>give a number</source>
            <translation>indique un número</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="111" />
            <source>give a threshold for every level</source>
            <translation>indique un umbral para cada nivel</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="247" />
            <source>give a unit price</source>
            <translation>indique un precio unitario</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="243" />
            <source>give a unit price or an amount</source>
            <translation>indique un precio unitario o un importe</translation>
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="206" />
            <source>give a whole number from {lo} to {hi}</source>
            <translation>indique un número entero de {lo} a {hi}</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="269" />
            <source>give an amount</source>
            <translation>indique un importe</translation>
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="167" />
            <source>give an amount (0 or more)</source>
            <translation>indique un importe (0 o más)</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="306" />
            <source>give every pipeline once</source>
            <translation>indique cada embudo una vez</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="987" />
            <source>give every stage of the pipeline once</source>
            <translation>indique cada etapa del embudo una vez</translation>
        </message>
        <message>
            <location filename="../../app/cli_orders.py" line="341" />
            <source>give lines or an amount, not both</source>
            <translation>indique líneas o un importe, no ambos</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="597" />
            <source>give the amount returned</source>
            <translation>indique el importe devuelto</translation>
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="192" />
            <source>give the days as a whole number, 1 to 3650</source>
            <translation>indique los días como número entero, de 1 a 3650</translation>
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="195" />
            <source>give the days for customers of any category</source>
            <translation>indique los días para clientes de cualquier categoría</translation>
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="676" />
            <source>give the mapping a name</source>
            <translation>dé un nombre a la correspondencia</translation>
        </message>
        <message>
            <location filename="../../app/services/monthly.py" line="66" />
            <source>give the month as YYYY-MM, e.g. 2026-03</source>
            <translation>indique el mes como AAAA-MM, p. ej. 2026-03</translation>
        </message>
        <message>
            <location filename="../../app/services/statement.py" line="119" />
            <source>give the period's first day</source>
            <translation>indique el primer día del periodo</translation>
        </message>
        <message>
            <location filename="../../app/services/statement.py" line="121" />
            <source>give the period's last day</source>
            <translation>indique el último día del periodo</translation>
        </message>
        <message>
            <location filename="../../app/services/server_move.py" line="68" />
            <source>give the server as postgresql+psycopg://user:password@host/database</source>
            <translation>indique el servidor como postgresql+psycopg://user:password@host/database</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="363" />
            <source>give the year's target</source>
            <translation>indique el objetivo del año</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="274" />
            <location filename="../../app/services/product_import.py" line="325" />
            <source>import cancelled; nothing was written</source>
            <translation>importación cancelada; no se escribió nada</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="191" />
            <source>line {n}: give a product or a description</source>
            <translation>línea {n}: indique un producto o una descripción</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="201" />
            <source>line {n}: give a unit price</source>
            <translation>línea {n}: indique un precio unitario</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="189" />
            <source>line {n}: no such product</source>
            <translation>línea {n}: no existe ese producto</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="420" />
            <source>line {n}: {qty} were returned already</source>
            <translation>línea {n}: ya se devolvieron {qty}</translation>
        </message>
        <message>
            <location filename="../../app/reports/export.py" line="390" />
            <location filename="../../app/reports/export.py" line="396" />
            <source>more than {n} rows do not fit on a sheet: export to .csv or fewer rows</source>
            <translation>más de {n} filas no caben en una hoja: exporte a .csv o menos filas</translation>
        </message>
        <message>
            <location filename="../../app/cli_users.py" line="251" />
            <source>no action {action}: choose one of {choices}</source>
            <translation>no existe la acción {action}: elija una de {choices}</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="97" />
            <location filename="../../app/services/cases.py" line="76" />
            <source>no active user with this id</source>
            <translation>no hay ningún usuario activo con este id</translation>
        </message>
        <message>
            <location filename="../../app/cli.py" line="463" />
            <location filename="../../app/cli.py" line="468" />
            <location filename="../../app/cli_loyalty.py" line="75" />
            <location filename="../../app/cli_session.py" line="44" />
            <source>no active user {name}</source>
            <translation>no hay ningún usuario activo {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="111" />
            <source>no backup at {path}</source>
            <translation>no hay copia de seguridad en {path}</translation>
        </message>
        <message>
            <location filename="../../app/services/campaign_audience.py" line="94" />
            <source>no campaign called {name}</source>
            <translation>no hay ninguna campaña llamada {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/campaign_audience.py" line="77" />
            <source>no campaign with the id {id}</source>
            <translation>no hay ninguna campaña con el id {id}</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="395" />
            <source>no column is mapped to the customer's name; map one (Name, 姓名, Nombre…)</source>
            <translation>ninguna columna corresponde al nombre del cliente; asigne una (Name, 姓名, Nombre…)</translation>
        </message>
        <message>
            <location filename="../../app/services/teams.py" line="273" />
            <source>no contact person {name}</source>
            <translation>no existe la persona de contacto {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/contracts.py" line="305" />
            <source>no contract {ref}</source>
            <translation>no hay ningún contrato {ref}</translation>
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="174" />
            <location filename="../../app/services/privacy.py" line="245" />
            <source>no customer with the number or id {ref}</source>
            <translation>no hay ningún cliente con el número o id {ref}</translation>
        </message>
        <message>
            <location filename="../../app/cli_key_accounts.py" line="64" />
            <location filename="../../app/services/key_accounts.py" line="95" />
            <location filename="../../app/services/key_accounts.py" line="136" />
            <location filename="../../app/services/teams.py" line="114" />
            <source>no customer {name}</source>
            <translation>no existe el cliente {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="223" />
            <source>no customer {ref}</source>
            <translation>no hay ningún cliente {ref}</translation>
        </message>
        <message>
            <location filename="../../app/cli_loyalty.py" line="95" />
            <source>no customer {value}</source>
            <translation>no existe el cliente {value}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="250" />
            <source>no database at {path}</source>
            <translation>no hay ninguna base de datos en {path}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="132" />
            <source>no file {path}</source>
            <translation>no existe el archivo {path}</translation>
        </message>
        <message>
            <location filename="../../app/cli_orders.py" line="430" />
            <source>no order {ref}</source>
            <translation>no hay ningún pedido {ref}</translation>
        </message>
        <message>
            <location filename="../../app/cli.py" line="401" />
            <source>no pipeline named {name} (there are: {names})</source>
            <translation>no hay ningún embudo llamado {name} (hay: {names})</translation>
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="163" />
            <location filename="../../app/services/tasks.py" line="384" />
            <location filename="../../app/services/teams.py" line="186" />
            <source>no such active user</source>
            <translation>no existe ese usuario activo</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="141" />
            <source>no such pipeline</source>
            <translation>no existe ese embudo</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="338" />
            <source>no tag called {name}</source>
            <translation>no hay ninguna etiqueta llamada {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="363" />
            <location filename="../../app/services/users.py" line="508" />
            <location filename="../../app/services/users.py" line="536" />
            <location filename="../../app/services/users.py" line="624" />
            <source>no user {name}</source>
            <translation>no existe el usuario {name}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="223" />
            <source>not a valid database address: {url}</source>
            <translation>no es una dirección de base de datos válida: {url}</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="557" />
            <source>nothing can be returned of a draft or cancelled order</source>
            <translation>no se puede devolver nada de un pedido en borrador o cancelado</translation>
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="342" />
            <source>one of the two customers no longer exists</source>
            <translation>uno de los dos clientes ya no existe</translation>
        </message>
        <message>
            <location filename="../../app/services/cases.py" line="168" />
            <source>only a manager gives cases to another person</source>
            <translation>solo un gerente pasa casos a otra persona</translation>
        </message>
        <message>
            <location filename="../../app/services/access.py" line="161" />
            <source>only a manager gives customers to another salesperson</source>
            <translation>solo un gerente pasa clientes a otro vendedor</translation>
        </message>
        <message>
            <location filename="../../app/services/access.py" line="146" />
            <source>only a manager or an administrator may {what}</source>
            <translation>solo un gerente o un administrador puede {what}</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="665" />
            <location filename="../../app/services/targets.py" line="670" />
            <location filename="../../app/services/tasks.py" line="482" />
            <source>only a manager sees other people's work</source>
            <translation>solo un gerente ve el trabajo de otras personas</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="389" />
            <source>only a member with a card has points</source>
            <translation>solo un socio con tarjeta tiene puntos</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="77" />
            <source>only a sales target can be by product category</source>
            <translation>solo un objetivo de ventas puede ir por categoría de producto</translation>
        </message>
        <message>
            <location filename="../../app/services/access.py" line="153" />
            <source>only an administrator may {what}</source>
            <translation>solo un administrador puede {what}</translation>
        </message>
        <message>
            <location filename="../../app/services/settings.py" line="38" />
            <source>only an administrator or a manager changes office settings</source>
            <translation>solo un administrador o un gerente cambia la configuración de la oficina</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="123" />
            <source>only an administrator or a manager changes the pipelines</source>
            <translation>solo un administrador o un gerente cambia los embudos</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="884" />
            <source>only an administrator or a manager changes the stages</source>
            <translation>solo un administrador o un gerente cambia las etapas</translation>
        </message>
        <message>
            <location filename="../../app/services/teams.py" line="101" />
            <source>only the owner or a manager changes an account's team</source>
            <translation>solo el responsable o un gerente cambia el equipo de una cuenta</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="392" />
            <source>only {balance} points to redeem</source>
            <translation>solo hay {balance} puntos para canjear</translation>
        </message>
        <message>
            <source>opened read-only</source>
            <translation>abierta en solo lectura</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="220" />
            <source>order {n} has no customer</source>
            <translation>el pedido {n} no tiene cliente</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="229" />
            <source>order {n} has no date</source>
            <translation>el pedido {n} no tiene fecha</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="619" />
            <source>points expire after 0 to 120 months</source>
            <translation>los puntos caducan a los 0 a 120 meses</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="118" />
            <source>points per unit must be zero or more</source>
            <translation>los puntos por unidad deben ser cero o más</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="382" />
            <source>redeem a whole number of points above zero</source>
            <translation>canjee un número entero de puntos mayor que cero</translation>
        </message>
        <message>
            <location filename="../../app/cli.py" line="632" />
            <source>restore works on database files; use the server's tools for a server</source>
            <translation>la restauración funciona con archivos de base de datos; para un servidor use sus herramientas</translation>
        </message>
        <message>
            <location filename="../../app/services/products.py" line="245" />
            <source>row {row}: {problem}</source>
            <translation>fila {row}: {problem}</translation>
        </message>
        <message>
            <location filename="../../app/services/activities.py" line="49" />
            <location filename="../../app/services/cases.py" line="193" />
            <location filename="../../app/services/tasks.py" line="248" />
            <source>satisfaction is scored 1 to 5</source>
            <translation>la satisfacción se puntúa de 1 a 5</translation>
        </message>
        <message>
            <location filename="../../app/cli_audience.py" line="63" />
            <source>say how they are reached: --channel phone, sms, email or post</source>
            <translation>indique cómo se les contacta: --channel phone, sms, email o post</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="74" />
            <source>say which {dimension}</source>
            <translation>indique qué {dimension}</translation>
        </message>
        <message>
            <location filename="../../app/cli_key_accounts.py" line="104" />
            <source>say who: --with USER, or --with none</source>
            <translation>diga quién: --with USUARIO, o --with none</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="507" />
            <source>say why the deal was lost</source>
            <translation>indique por qué se perdió la oportunidad</translation>
        </message>
        <message>
            <location filename="../../app/services/concurrency.py" line="18" />
            <source>someone else deleted this record meanwhile</source>
            <translation>otra persona eliminó este registro mientras tanto</translation>
        </message>
        <message>
            <location filename="../../app/services/concurrency.py" line="20" />
            <source>someone else saved this record meanwhile (your version {seen}, now {now})</source>
            <translation>otra persona guardó este registro mientras tanto (su versión {seen}, ahora {now})</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="351" />
            <source>spread {value}: even or last_year</source>
            <translation>reparto {value}: even o last_year</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="250" />
            <source>that contract is not this customer's</source>
            <translation>ese contrato no es de este cliente</translation>
        </message>
        <message>
            <location filename="../../app/services/contracts.py" line="110" />
            <source>that deal is not this customer's</source>
            <translation>esa oportunidad no es de este cliente</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="409" />
            <location filename="../../app/services/orders.py" line="576" />
            <source>that line is not on this order</source>
            <translation>esa línea no está en este pedido</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="374" />
            <source>that pipeline has no lost stage</source>
            <translation>ese embudo no tiene etapa de perdida</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="383" />
            <source>that pipeline has no open stage</source>
            <translation>ese embudo no tiene etapa abierta</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="374" />
            <source>that pipeline has no won stage</source>
            <translation>ese embudo no tiene etapa de ganada</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="503" />
            <source>that stage is not in this deal's pipeline</source>
            <translation>esa etapa no está en el embudo de esta oportunidad</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="435" />
            <source>that stage is not in this pipeline</source>
            <translation>esa etapa no está en este embudo</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="290" />
            <location filename="../../app/services/validation.py" line="98" />
            <source>the amount is too large</source>
            <translation>el importe es demasiado grande</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="251" />
            <source>the amount {amount} is not quantity × price ({line})</source>
            <translation>el importe {amount} no es cantidad × precio ({line})</translation>
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="90" />
            <source>the backup cannot overwrite the database itself</source>
            <translation>la copia no puede sobrescribir la propia base de datos</translation>
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="100" />
            <source>the backup did not check out ({why}); nothing was kept</source>
            <translation>la copia no superó la comprobación ({why}); no se conservó nada</translation>
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="96" />
            <source>the backup failed: {err}</source>
            <translation>la copia de seguridad falló: {err}</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="418" />
            <source>the balance cannot go below zero</source>
            <translation>el saldo no puede quedar por debajo de cero</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="75" />
            <source>the campaign ends before it starts</source>
            <translation>la campaña termina antes de empezar</translation>
        </message>
        <message>
            <location filename="../../app/services/contracts.py" line="106" />
            <source>the contract ends before it starts</source>
            <translation>el contrato termina antes de empezar</translation>
        </message>
        <message>
            <location filename="../../app/reports/privacy_workbook.py" line="451" />
            <source>the copy of a person's data is a .xlsx file, not {name}</source>
            <translation>la copia de los datos de una persona es un archivo .xlsx, no {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="410" />
            <source>the customer has payments more than 30 days overdue (the oldest {days} days)</source>
            <translation>el cliente tiene pagos vencidos hace más de 30 días (lo más antiguo, {days} días)</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="453" />
            <source>the customer has {late} more than 30 days overdue (the oldest {days} days)</source>
            <translation>el cliente tiene {late} vencido hace más de 30 días (lo más antiguo, {days} días)</translation>
        </message>
        <message>
            <location filename="../../app/services/demo.py" line="147" />
            <source>the database already holds customers; demo data goes into an empty database</source>
            <translation>la base de datos ya tiene clientes; los datos de demostración van en una base de datos vacía</translation>
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="124" />
            <source>the database is in use by another PC; close Clientela there and try again</source>
            <translation>otro equipo está usando la base de datos; cierre Clientela allí y vuelva a intentarlo</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="395" />
            <location filename="../../app/db.py" line="423" />
            <source>the database is locked by another PC; try again</source>
            <translation>otro equipo ha bloqueado la base de datos; vuelva a intentarlo</translation>
        </message>
        <message>
            <location filename="../../app/services/server_move.py" line="66" />
            <source>the database to move is already on a server</source>
            <translation>la base de datos a trasladar ya está en un servidor</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="237" />
            <source>the date is not a day</source>
            <translation>la fecha no es un día</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="239" />
            <source>the date {day} is out of range</source>
            <translation>la fecha {day} está fuera de rango</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="78" />
            <source>the date {value} is in the future</source>
            <translation>la fecha {value} está en el futuro</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="80" />
            <source>the date {value} is too far in the past</source>
            <translation>la fecha {value} es demasiado antigua</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="429" />
            <source>the deal is already in this pipeline</source>
            <translation>la oportunidad ya está en este embudo</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="505" />
            <source>the deal is already in this stage</source>
            <translation>la oportunidad ya está en esta etapa</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="247" />
            <source>the default pipeline cannot be deactivated</source>
            <translation>el embudo predeterminado no se puede desactivar</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="330" />
            <source>the default pipeline cannot be deleted</source>
            <translation>el embudo predeterminado no se puede borrar</translation>
        </message>
        <message>
            <location filename="../../app/services/cases.py" line="88" />
            <source>the due date is in the past</source>
            <translation>la fecha de vencimiento ya pasó</translation>
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="213" />
            <source>the factor is a number from 1 to 20</source>
            <translation>el factor es un número de 1 a 20</translation>
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="747" />
            <source>the file has no column {column}</source>
            <translation>el archivo no tiene la columna {column}</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="211" />
            <location filename="../../app/services/exports.py" line="270" />
            <location filename="../../app/services/satisfaction.py" line="197" />
            <source>the first day {first} comes after the last day {last}</source>
            <translation>el primer día {first} es posterior al último día {last}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="252" />
            <location filename="../../app/services/backup.py" line="92" />
            <source>the folder {folder} does not exist</source>
            <translation>la carpeta {folder} no existe</translation>
        </message>
        <message>
            <location filename="../../app/reports/key_account_workbook.py" line="260" />
            <source>the key-account cards are a .xlsx file, not {name}</source>
            <translation>las fichas de cliente clave son un archivo .xlsx, no {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="726" />
            <source>the mapping {path} is not JSON: {reason}</source>
            <translation>la correspondencia {path} no es JSON: {reason}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="732" />
            <source>the mapping {path} must be an object of column: field</source>
            <translation>la correspondencia {path} debe ser un objeto columna: campo</translation>
        </message>
        <message>
            <location filename="../../app/services/margins.py" line="98" />
            <source>the margins report shows money figures you may not see</source>
            <translation>el informe de márgenes muestra cifras de dinero que usted no puede ver</translation>
        </message>
        <message>
            <location filename="../../app/reports/monthly_workbook.py" line="558" />
            <source>the monthly workbook is a .xlsx file, not {name}</source>
            <translation>el libro mensual es un archivo .xlsx, no {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/monthly.py" line="625" />
            <source>the monthly workbook shows money figures you may not see</source>
            <translation>el libro mensual muestra cifras económicas que usted no puede ver</translation>
        </message>
        <message>
            <location filename="../../app/services/server_move.py" line="112" />
            <source>the move was cancelled; nothing was kept on the server</source>
            <translation>el traslado se canceló; no se conservó nada en el servidor</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="231" />
            <source>the name is too long (at most {limit} characters)</source>
            <translation>el nombre es demasiado largo (como máximo {limit} caracteres)</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="248" />
            <source>the notes are too long (at most {limit} characters)</source>
            <translation>las notas son demasiado largas (como máximo {limit} caracteres)</translation>
        </message>
        <message>
            <location filename="../../app/services/demo.py" line="142" />
            <source>the number of demo customers cannot be negative</source>
            <translation>el número de clientes de demostración no puede ser negativo</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="479" />
            <location filename="../../app/services/users.py" line="542" />
            <source>the office needs at least one active administrator</source>
            <translation>la oficina necesita al menos un administrador activo</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="433" />
            <source>the order cannot come to less than the {amount} returned of it</source>
            <translation>el pedido no puede quedar por debajo de los {amount} devueltos</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="252" />
            <source>the order is due before its date</source>
            <translation>el pedido vence antes de su fecha</translation>
        </message>
        <message>
            <location filename="../../app/services/margins.py" line="76" />
            <location filename="../../app/services/statement.py" line="123" />
            <source>the period ends ({end}) before it starts ({start})</source>
            <translation>el periodo termina ({end}) antes de empezar ({start})</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="25" />
            <source>the phone number is too long</source>
            <translation>el número de teléfono es demasiado largo</translation>
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="143" />
            <location filename="../../app/services/deals.py" line="147" />
            <location filename="../../app/services/pipeline.py" line="892" />
            <source>the probability is a percentage, 0 to 100</source>
            <translation>la probabilidad es un porcentaje, de 0 a 100</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="58" />
            <source>the program's migrations folder is missing; reinstall Clientela</source>
            <translation>falta la carpeta de migraciones del programa; reinstale Clientela</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="78" />
            <source>the quantity is too large</source>
            <translation>la cantidad es demasiado grande</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="72" />
            <source>the quantity must be above zero, not {value}</source>
            <translation>la cantidad debe ser mayor que cero, no {value}</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="496" />
            <source>the reason is too long</source>
            <translation>el motivo es demasiado largo</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="628" />
            <source>the receiving user must be active</source>
            <translation>el usuario que recibe debe estar activo</translation>
        </message>
        <message>
            <location filename="../../app/services/server_move.py" line="82" />
            <source>the server database already holds an office; give an empty one</source>
            <translation>la base de datos del servidor ya contiene una oficina; indique una vacía</translation>
        </message>
        <message>
            <location filename="../../app/services/server_move.py" line="74" />
            <source>the server database is at schema {theirs} and this file at {ours}; use the same version of Clientela for both</source>
            <translation>la base de datos del servidor está en el esquema {theirs} y este archivo en {ours}; use la misma versión de Clientela para ambos</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="331" />
            <source>the sheet {sheet} has no row {row}</source>
            <translation>la hoja {sheet} no tiene la fila {row}</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="1159" />
            <source>the sheet {sheet} has no rows under its header</source>
            <translation>la hoja {sheet} no tiene filas bajo su encabezado</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="336" />
            <source>the sheet {sheet} is empty</source>
            <translation>la hoja {sheet} está vacía</translation>
        </message>
        <message>
            <location filename="../../app/reports/statement_workbook.py" line="173" />
            <source>the statement is a .xlsx file, not {name}</source>
            <translation>el extracto es un archivo .xlsx, no {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/server_move.py" line="72" />
            <source>the target is not a server database</source>
            <translation>el destino no es una base de datos de servidor</translation>
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="154" />
            <source>the text is too long</source>
            <translation>el texto es demasiado largo</translation>
        </message>
        <message>
            <location filename="../../app/services/loyalty.py" line="113" />
            <source>the thresholds must rise from ordinary to VIP</source>
            <translation>los umbrales deben subir de normal a VIP</translation>
        </message>
        <message>
            <location filename="../../app/services/deals.py" line="164" />
            <source>the title is too long</source>
            <translation>el título es demasiado largo</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="112" />
            <location filename="../../app/services/users.py" line="419" />
            <location filename="../../app/services/users.py" line="473" />
            <source>the user name {username} is taken</source>
            <translation>el nombre de usuario {username} ya está en uso</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="220" />
            <source>the window is 0 to 3650 days</source>
            <translation>la ventana es de 0 a 3650 días</translation>
        </message>
        <message>
            <location filename="../../app/services/key_accounts.py" line="467" />
            <location filename="../../app/services/monthly.py" line="632" />
            <source>the workbook was cancelled; no file was written</source>
            <translation>el libro se canceló; no se escribió ningún archivo</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="278" />
            <source>there is already an event called {name} on that day</source>
            <translation>ya hay un evento llamado {name} ese día</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="254" />
            <source>there is no user {value}</source>
            <translation>no existe el usuario {value}</translation>
        </message>
        <message>
            <location filename="../../app/services/cases.py" line="102" />
            <source>this activity is not the customer's</source>
            <translation>esta actividad no es del cliente</translation>
        </message>
        <message>
            <location filename="../../app/services/customers.py" line="270" />
            <location filename="../../app/services/invitations.py" line="374" />
            <source>this campaign no longer exists</source>
            <translation>esta campaña ya no existe</translation>
        </message>
        <message>
            <location filename="../../app/services/cases.py" line="143" />
            <location filename="../../app/services/cases.py" line="199" />
            <source>this case is resolved already</source>
            <translation>este caso ya está resuelto</translation>
        </message>
        <message>
            <location filename="../../app/services/cases.py" line="128" />
            <location filename="../../app/services/cases.py" line="344" />
            <source>this case no longer exists</source>
            <translation>este caso ya no existe</translation>
        </message>
        <message>
            <location filename="../../app/services/contracts.py" line="156" />
            <location filename="../../app/services/contracts.py" line="187" />
            <source>this contract no longer exists</source>
            <translation>este contrato ya no existe</translation>
        </message>
        <message>
            <location filename="../../app/services/access.py" line="111" />
            <source>this customer belongs to another salesperson</source>
            <translation>este cliente pertenece a otro vendedor</translation>
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
            <translation>este cliente ya no existe</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="140" />
            <source>this customer was not invited to this campaign</source>
            <translation>este cliente no fue invitado a esta campaña</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="165" />
            <source>this database is open read-only</source>
            <translation>esta base de datos está abierta en solo lectura</translation>
        </message>
        <message>
            <source>this database was written by a newer version of Clientela; it is open read-only</source>
            <translation>esta base de datos fue escrita por una versión más nueva de Clientela; está abierta en solo lectura</translation>
        </message>
        <message>
            <location filename="../../app/services/access.py" line="140" />
            <location filename="../../app/services/audit.py" line="256" />
            <location filename="../../app/services/deals.py" line="82" />
            <source>this deal belongs to another salesperson</source>
            <translation>esta oportunidad pertenece a otro vendedor</translation>
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="155" />
            <source>this deal no longer exists</source>
            <translation>esta oportunidad ya no existe</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="424" />
            <source>this event no longer exists</source>
            <translation>este evento ya no existe</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="64" />
            <source>this field is required</source>
            <translation>este campo es obligatorio</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="347" />
            <location filename="../../app/services/orders.py" line="554" />
            <location filename="../../app/services/orders.py" line="762" />
            <source>this order no longer exists</source>
            <translation>este pedido ya no existe</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="406" />
            <source>this order takes the customer over their credit limit</source>
            <translation>este pedido lleva al cliente por encima de su límite de crédito</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="443" />
            <source>this order takes what the customer owes to {after}, over the credit limit of {limit} (owed now {owed})</source>
            <translation>este pedido lleva la deuda del cliente a {after}, por encima del límite de crédito de {limit} (debe ahora {owed})</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="945" />
            <source>this pipeline already has a lost stage</source>
            <translation>este embudo ya tiene una etapa de perdida</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="945" />
            <source>this pipeline already has a won stage</source>
            <translation>este embudo ya tiene una etapa de ganada</translation>
        </message>
        <message>
            <location filename="../../app/services/products.py" line="158" />
            <source>this product no longer exists</source>
            <translation>este producto ya no existe</translation>
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="81" />
            <source>this task belongs to someone else</source>
            <translation>esta tarea pertenece a otra persona</translation>
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="259" />
            <location filename="../../app/services/tasks.py" line="348" />
            <source>this task is already done</source>
            <translation>esta tarea ya está hecha</translation>
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="256" />
            <location filename="../../app/services/tasks.py" line="345" />
            <location filename="../../app/services/tasks.py" line="389" />
            <source>this task no longer exists</source>
            <translation>esta tarea ya no existe</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="269" />
            <source>too many wrong passwords: try again in {seconds} s</source>
            <translation>demasiadas contraseñas incorrectas: vuelva a intentarlo en {seconds} s</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="89" />
            <source>unknown RFM segment {value}</source>
            <translation>segmento RFM desconocido {value}</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="65" />
            <source>unknown campaign kind {kind}</source>
            <translation>tipo de campaña desconocido {kind}</translation>
        </message>
        <message>
            <location filename="../../app/services/cases.py" line="274" />
            <source>unknown case status {status}</source>
            <translation>estado de caso desconocido {status}</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="71" />
            <location filename="../../app/services/invitations.py" line="83" />
            <location filename="../../app/services/invitations.py" line="243" />
            <source>unknown channel {channel}</source>
            <translation>canal desconocido {channel}</translation>
        </message>
        <message>
            <location filename="../../app/services/invitations.py" line="87" />
            <source>unknown class {value}</source>
            <translation>clase desconocida {value}</translation>
        </message>
        <message>
            <location filename="../../app/services/demo.py" line="136" />
            <source>unknown demo locale {locale}; choose one of {choices}</source>
            <translation>idioma de demostración desconocido {locale}; elija uno de {choices}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_mapping.py" line="739" />
            <source>unknown field {key} in {path}; fields: {fields}</source>
            <translation>campo desconocido {key} en {path}; campos: {fields}</translation>
        </message>
        <message>
            <location filename="../../app/cli_targets.py" line="114" />
            <location filename="../../app/services/access.py" line="45" />
            <source>unknown or deactivated user</source>
            <translation>usuario desconocido o desactivado</translation>
        </message>
        <message>
            <location filename="../../app/services/exports.py" line="294" />
            <source>unknown owner {name}</source>
            <translation>responsable desconocido {name}</translation>
        </message>
        <message>
            <location filename="../../app/services/campaigns.py" line="127" />
            <source>unknown response {response}</source>
            <translation>respuesta desconocida {response}</translation>
        </message>
        <message>
            <location filename="../../app/cli_session.py" line="54" />
            <source>user {name} has a password: put it in the environment variable {variable}</source>
            <translation>el usuario {name} tiene contraseña: póngala en la variable de entorno {variable}</translation>
        </message>
        <message>
            <location filename="../../app/services/tasks.py" line="261" />
            <source>what came of it?</source>
            <translation>¿cuál fue el resultado?</translation>
        </message>
        <message>
            <location filename="../../app/services/campaign_audience.py" line="85" />
            <source>which campaign? give its name or id</source>
            <translation>¿qué campaña? indique su nombre o id</translation>
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="901" />
            <source>why was the customer lost?</source>
            <translation>¿por qué se perdió el cliente?</translation>
        </message>
        <message>
            <location filename="../../app/services/reminders.py" line="899" />
            <source>won back, lost or ended</source>
            <translation>recuperado, perdido o terminado</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="266" />
            <location filename="../../app/services/users.py" line="305" />
            <source>wrong user name or password</source>
            <translation>nombre de usuario o contraseña incorrectos</translation>
        </message>
        <message>
            <location filename="../../app/services/users.py" line="481" />
            <location filename="../../app/services/users.py" line="540" />
            <source>you cannot deactivate yourself</source>
            <translation>no puede desactivarse a sí mismo</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="1022" />
            <source>{count} deal(s) are in this stage: choose where they go</source>
            <translation>hay {count} oportunidad(es) en esta etapa: elija adónde van</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="336" />
            <source>{count} deal(s) are or were in this pipeline: deactivate it instead</source>
            <translation>{count} oportunidad(es) están o estuvieron en este embudo: desactívelo en su lugar</translation>
        </message>
        <message>
            <location filename="../../app/services/pipelines.py" line="257" />
            <source>{count} open deal(s) are in this pipeline: move or close them first</source>
            <translation>hay {count} oportunidad(es) abiertas en este embudo: muévalas o ciérrelas primero</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="153" />
            <source>{file} cannot be read as a spreadsheet: {reason}</source>
            <translation>{file} no se puede leer como hoja de cálculo: {reason}</translation>
        </message>
        <message>
            <location filename="../../app/services/product_import.py" line="273" />
            <source>{file} has no product name column (looked for name, 名称, 品名, nombre…); its columns: {headers}</source>
            <translation>{file} no tiene columna de nombre de producto (se buscó name, 名称, 品名, nombre…); sus columnas: {headers}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="95" />
            <source>{file} has no sheet {sheet}; its sheets: {names}</source>
            <translation>{file} no tiene la hoja {sheet}; sus hojas: {names}</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="166" />
            <source>{file} has no sheets</source>
            <translation>{file} no tiene hojas</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="140" />
            <source>{file} is empty</source>
            <translation>{file} está vacío</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="186" />
            <source>{file} is not a spreadsheet or a CSV text file</source>
            <translation>{file} no es una hoja de cálculo ni un archivo de texto CSV</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="136" />
            <source>{file}: no sheet has order number, product and quantity columns</source>
            <translation>{file}: ninguna hoja tiene columnas de número de pedido, producto y cantidad</translation>
        </message>
        <message>
            <location filename="../../app/services/backup.py" line="114" />
            <source>{path} cannot be restored: {why}</source>
            <translation>{path} no se puede restaurar: {why}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="235" />
            <source>{path} is a folder, not a database file</source>
            <translation>{path} es una carpeta, no un archivo de base de datos</translation>
        </message>
        <message>
            <location filename="../../app/services/import_files.py" line="134" />
            <source>{path} is a folder, not a file</source>
            <translation>{path} es una carpeta, no un archivo</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="247" />
            <source>{path} is not a Clientela database</source>
            <translation>{path} no es una base de datos de Clientela</translation>
        </message>
        <message>
            <location filename="../../app/services/order_import.py" line="211" />
            <source>{sheet}, row {row}: {problem}</source>
            <translation>{sheet}, fila {row}: {problem}</translation>
        </message>
        <message>
            <location filename="../../app/services/server_move.py" line="127" />
            <source>{table}: {got} rows on the server, {want} in the file; nothing was kept</source>
            <translation>{table}: {got} filas en el servidor, {want} en el archivo; no se conservó nada</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="286" />
            <source>{value} has more than {n} decimals</source>
            <translation>{value} tiene más de {n} decimales</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="280" />
            <source>{value} is below zero</source>
            <translation>{value} es menor que cero</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="353" />
            <source>{value} is neither a person nor a company</source>
            <translation>{value} no es ni una persona ni una empresa</translation>
        </message>
        <message>
            <location filename="../../app/services/pipeline.py" line="902" />
            <source>{value} is not a colour such as #4fc3f7</source>
            <translation>{value} no es un color como #4fc3f7</translation>
        </message>
        <message>
            <location filename="../../app/services/contracts.py" line="102" />
            <source>{value} is not a contract status</source>
            <translation>{value} no es un estado de contrato</translation>
        </message>
        <message>
            <location filename="../../app/services/office.py" line="145" />
            <source>{value} is not a country code such as CN, ES or MX</source>
            <translation>{value} no es un código de país como CN, ES o MX</translation>
        </message>
        <message>
            <location filename="../../app/services/office.py" line="138" />
            <source>{value} is not a currency code such as CNY, EUR or USD</source>
            <translation>{value} no es un código de moneda como CNY, EUR o USD</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="316" />
            <location filename="../../app/services/importer.py" line="321" />
            <location filename="../../app/services/importer.py" line="329" />
            <source>{value} is not a date</source>
            <translation>{value} no es una fecha</translation>
        </message>
        <message>
            <location filename="../../app/services/office.py" line="151" />
            <source>{value} is not a language the office can use ({choices})</source>
            <translation>{value} no es un idioma que la oficina pueda usar ({choices})</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="480" />
            <source>{value} is not a membership level</source>
            <translation>{value} no es un nivel de socio</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="63" />
            <location filename="../../app/services/orders.py" line="65" />
            <source>{value} is not a number</source>
            <translation>{value} no es un número</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="29" />
            <source>{value} is not a phone number</source>
            <translation>{value} no es un número de teléfono</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="31" />
            <source>{value} is not a possible phone number</source>
            <translation>{value} no es un número de teléfono posible</translation>
        </message>
        <message>
            <location filename="../../app/services/products.py" line="106" />
            <location filename="../../app/services/targets.py" line="83" />
            <source>{value} is not a product category</source>
            <translation>{value} no es una categoría de producto</translation>
        </message>
        <message>
            <location filename="../../app/services/product_import.py" line="301" />
            <source>{value} is not a product category (fuel, vehicle, accessory, service, parts, other)</source>
            <translation>{value} no es una categoría de producto (carburante, vehículo, accesorio, servicio, recambios, otro)</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="66" />
            <source>{value} is not a target dimension (category, region)</source>
            <translation>{value} no es un desglose de objetivo (category, region)</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="56" />
            <source>{value} is not a target measure (sales, collections, new_customers)</source>
            <translation>{value} no es un indicador de objetivo (sales, collections, new_customers)</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="301" />
            <source>{value} is not a whole number</source>
            <translation>{value} no es un número entero</translation>
        </message>
        <message>
            <location filename="../../app/services/targets.py" line="353" />
            <source>{value} is not a year</source>
            <translation>{value} no es un año</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="276" />
            <location filename="../../app/services/credit.py" line="278" />
            <location filename="../../app/services/validation.py" line="92" />
            <location filename="../../app/services/validation.py" line="94" />
            <source>{value} is not an amount</source>
            <translation>{value} no es un importe</translation>
        </message>
        <message>
            <location filename="../../app/services/validation.py" line="56" />
            <source>{value} is not an email address</source>
            <translation>{value} no es una dirección de correo electrónico</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="303" />
            <source>{value} is not between {low} and {high}</source>
            <translation>{value} no está entre {low} y {high}</translation>
        </message>
        <message>
            <location filename="../../app/services/importer.py" line="469" />
            <source>{value} looks mistyped (did you mean .com or .org?)</source>
            <translation>{value} parece mal escrito (¿quería decir .com o .org?)</translation>
        </message>
        <message>
            <location filename="../../app/services/credit.py" line="283" />
            <source>{value}: this currency has no decimals</source>
            <translation>{value}: esta moneda no tiene decimales</translation>
        </message>
        <message>
            <location filename="../../app/services/orders.py" line="412" />
            <source>{what} cannot be removed: some of it came back</source>
            <translation>{what} no se puede quitar: se devolvió parte</translation>
        </message>
        <message>
            <location filename="../../app/services/product_import.py" line="369" />
            <source>{what} is on row {row} already</source>
            <translation>{what} ya está en la fila {row}</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="404" />
            <source>{where} is not a Clientela database</source>
            <translation>{where} no es una base de datos de Clientela</translation>
        </message>
        <message>
            <location filename="../../app/db.py" line="446" />
            <source>{where} was written by a newer version of Clientela (schema {rev}); update Clientela to change it</source>
            <translation>{where} fue escrita por una versión más nueva de Clientela (esquema {rev}); actualice Clientela para cambiarla</translation>
        </message>
    </context>
    <context>
        <name>labels</name>
        <message>
            <location filename="../../app/ui/labels.py" line="40" />
            <source>Accessory</source>
            <translation>Accesorio</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="78" />
            <source>Adjusted</source>
            <translation>Ajuste</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="35" />
            <source>Advertising</source>
            <translation>Publicidad</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="50" />
            <source>At risk</source>
            <translation>En riesgo</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="31" />
            <source>Bought</source>
            <translation>Compró</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="62" />
            <source>Call</source>
            <translation>Llamada</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="29" />
            <source>Call round</source>
            <translation>Ronda de llamadas</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="30" />
            <source>Came</source>
            <translation>Vino</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="26" />
            <source>Campaign</source>
            <translation>Campaña</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="89" />
            <source>Cancelled</source>
            <translation>Cancelado</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="95" />
            <source>Card</source>
            <translation>Tarjeta</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="94" />
            <source>Cash</source>
            <translation>Efectivo</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="97" />
            <source>Cheque</source>
            <translation>Cheque</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="100" />
            <source>Coach / bus</source>
            <translation>Autocar / autobús</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="22" />
            <source>Company</source>
            <translation>Empresa</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="72" />
            <source>Complaint</source>
            <translation>Queja</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="91" />
            <source>Confirmed</source>
            <translation>Confirmado</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="80" />
            <source>Decision maker</source>
            <translation>Responsable de decisión</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="32" />
            <source>Declined</source>
            <translation>Rechazó</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="49" />
            <source>Declining</source>
            <translation>En declive</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="92" />
            <source>Delivered</source>
            <translation>Entregado</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="64" />
            <source>Desk visit</source>
            <translation>Visita al mostrador</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="88" />
            <source>Done</source>
            <translation>Completado</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="90" />
            <source>Draft</source>
            <translation>Borrador</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="76" />
            <source>Earned</source>
            <translation>Ganados</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="67" />
            <source>Email</source>
            <translation>Correo electrónico</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="53" />
            <source>Ended</source>
            <translation>Relación terminada</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="25" />
            <source>Event</source>
            <translation>Evento</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="79" />
            <source>Expired</source>
            <translation>Caducados</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="83" />
            <source>Finance</source>
            <translation>Finanzas</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="103" />
            <source>Freight</source>
            <translation>Mercancías</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="38" />
            <source>Fuel grade</source>
            <translation>Carburante</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="57" />
            <source>Gold</source>
            <translation>Oro</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="47" />
            <source>Growing</source>
            <translation>En crecimiento</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="36" />
            <source>Import</source>
            <translation>Importar</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="85" />
            <source>In progress</source>
            <translation>En curso</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="93" />
            <source>Invoiced</source>
            <translation>Facturado</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="75" />
            <source>Level change</source>
            <translation>Cambio de nivel</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="51" />
            <source>Lost</source>
            <translation>Perdido</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="28" />
            <source>Mailing</source>
            <translation>Envío por correo</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="70" />
            <source>Meeting</source>
            <translation>Reunión</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="98" />
            <source>Mobile payment</source>
            <translation>Pago móvil</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="46" />
            <source>New</source>
            <translation>Nuevo</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="44" />
            <source>No longer sold</source>
            <translation>Ya no se vende</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="71" />
            <source>Note</source>
            <translation>Nota</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="105" />
            <source>Official</source>
            <translation>Oficial</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="84" />
            <source>Open</source>
            <translation>Abierto</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="55" />
            <source>Ordinary</source>
            <translation>Normal</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="37" />
            <source>Other</source>
            <translation>Otro</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="41" />
            <source>Parts</source>
            <translation>Recambios</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="60" />
            <source>Passing trade</source>
            <translation>Cliente de paso</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="21" />
            <source>Person</source>
            <translation>Persona</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="34" />
            <source>Phone</source>
            <translation>Teléfono</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="69" />
            <source>Post</source>
            <translation>Correo postal</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="73" />
            <source>Praise</source>
            <translation>Elogio</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="99" />
            <source>Private</source>
            <translation>Particular</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="27" />
            <source>Promotion</source>
            <translation>Promoción</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="45" />
            <source>Prospect</source>
            <translation>Potencial</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="81" />
            <source>Purchaser</source>
            <translation>Comprador</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="77" />
            <source>Redeemed</source>
            <translation>Canjeados</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="24" />
            <source>Referral</source>
            <translation>Recomendación</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="59" />
            <source>Regular</source>
            <translation>Habitual</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="104" />
            <source>Rental</source>
            <translation>Alquiler</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="86" />
            <source>Resolved</source>
            <translation>Resuelto</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="65" />
            <source>Return visit</source>
            <translation>Visita de seguimiento</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="68" />
            <source>SMS</source>
            <translation>SMS</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="42" />
            <source>Service</source>
            <translation>Servicio</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="56" />
            <source>Silver</source>
            <translation>Plata</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="48" />
            <source>Steady</source>
            <translation>Estable</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="43" />
            <source>Still sold</source>
            <translation>A la venta</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="74" />
            <source>Suggestion</source>
            <translation>Sugerencia</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="102" />
            <source>Taxi</source>
            <translation>Taxi</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="66" />
            <source>Test drive</source>
            <translation>Prueba de conducción</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="96" />
            <source>Transfer</source>
            <translation>Transferencia</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="61" />
            <source>Unknown</source>
            <translation>Desconocido</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="58" />
            <source>VIP</source>
            <translation>VIP</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="39" />
            <source>Vehicle model</source>
            <translation>Modelo de vehículo</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="63" />
            <source>Visit</source>
            <translation>Visita</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="23" />
            <source>Walk-in</source>
            <translation>Visita directa</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="33" />
            <source>Website</source>
            <translation>Sitio web</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="82" />
            <source>Window contact</source>
            <translation>Contacto administrativo</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="87" />
            <source>Won</source>
            <translation>Ganada</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="52" />
            <source>Won back</source>
            <translation>Recuperado</translation>
        </message>
        <message>
            <location filename="../../app/ui/labels.py" line="101" />
            <source>Works vehicle</source>
            <translation>Vehículo de obra</translation>
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
            <translation>A punto de dormirse</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="59" />
            <source>Amount owed</source>
            <translation>Importe adeudado</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="51" />
            <source>Amount returned</source>
            <translation>Importe devuelto</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="30" />
            <source>At risk</source>
            <translation>En riesgo</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="58" />
            <source>Average collection period</source>
            <translation>Periodo medio de cobro</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="57" />
            <source>Average payment</source>
            <translation>Cobro medio</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="49" />
            <source>Average purchase</source>
            <translation>Compra media</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="54" />
            <source>Average purchase cycle</source>
            <translation>Ciclo medio de compra</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="31" />
            <source>Can't lose them</source>
            <translation>No se pueden perder</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="23" />
            <source>Champions</source>
            <translation>Campeones</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="16" />
            <source>Class {0}</source>
            <translation>Clase {0}</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="65" />
            <source>Complaints</source>
            <translation>Quejas</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="77" />
            <source>Contact</source>
            <translation>Contacto</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="63" />
            <source>Contacts logged</source>
            <translation>Contactos registrados</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="67" />
            <source>Customer relationship (scored by hand)</source>
            <translation>Relación con el cliente (puntuada a mano)</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="55" />
            <source>Expected sales (open deals)</source>
            <translation>Ventas previstas (oportunidades abiertas)</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="76" />
            <source>Finance</source>
            <translation>Financieros</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="48" />
            <source>Gross margin</source>
            <translation>Margen bruto</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="32" />
            <source>Hibernating</source>
            <translation>Hibernando</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="56" />
            <source>Largest payment</source>
            <translation>Cobro más alto</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="50" />
            <source>Largest purchase</source>
            <translation>Compra más alta</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="24" />
            <source>Loyal</source>
            <translation>Leales</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="28" />
            <source>Need attention</source>
            <translation>Necesitan atención</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="26" />
            <source>New customers</source>
            <translation>Clientes nuevos</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="45" />
            <source>Number of purchases</source>
            <translation>Número de compras</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="52" />
            <source>Number of returns</source>
            <translation>Número de devoluciones</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="60" />
            <source>Owed against revenue</source>
            <translation>Deuda sobre ingresos</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="68" />
            <source>Policy support (scored by hand)</source>
            <translation>Apoyo de políticas (puntuado a mano)</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="25" />
            <source>Potential loyalists</source>
            <translation>Potencialmente leales</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="64" />
            <source>Praise</source>
            <translation>Elogios</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="47" />
            <source>Profit</source>
            <translation>Beneficio</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="27" />
            <source>Promising</source>
            <translation>Prometedores</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="62" />
            <source>Related deals</source>
            <translation>Oportunidades relacionadas</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="61" />
            <source>Related tasks</source>
            <translation>Tareas relacionadas</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="46" />
            <source>Revenue</source>
            <translation>Ingresos</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="78" />
            <source>Scored by hand (1/3/5/7/9)</source>
            <translation>Puntuado a mano (1/3/5/7/9)</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="66" />
            <source>Suggestions</source>
            <translation>Sugerencias</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="53" />
            <source>Time as customer</source>
            <translation>Antigüedad como cliente</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="75" />
            <source>Transactions</source>
            <translation>Transacciones</translation>
        </message>
        <message>
            <location filename="../../app/ui/segment_labels.py" line="40" />
            <source>{0}+ vehicles a year</source>
            <translation>{0}+ vehículos al año</translation>
        </message>
    </context>
</TS>
