from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('elections', '0005_office_change'),
    ]

    operations = [
        migrations.AddField(
            model_name='contest',
            name='figures_caveat',
            field=models.TextField(blank=True, help_text='Montré aux lecteurs avec les résultats, dans le JSON et le CSV. Rempli par un import de chiffres officiels incohérents accepté tels quels ; vidé par un import cohérent.', verbose_name='avertissement sur les chiffres'),
        ),
        migrations.AddField(
            model_name='historicalcontest',
            name='figures_caveat',
            field=models.TextField(blank=True, help_text='Montré aux lecteurs avec les résultats, dans le JSON et le CSV. Rempli par un import de chiffres officiels incohérents accepté tels quels ; vidé par un import cohérent.', verbose_name='avertissement sur les chiffres'),
        ),
    ]
